# Set PROJECT_ID, INSTANCE_ID (a UUID) and NOTEBOOK_IMAGE_TOKEN (an IAM token) first.
curl --fail-with-body --silent --show-error \
  --request POST \
  "https://modelarts.cn-north-4.myhuaweicloud.com/v1/$PROJECT_ID/notebooks/$INSTANCE_ID/create-image" \
  --header "Content-Type: application/json" \
  --header "X-Auth-Token: $NOTEBOOK_IMAGE_TOKEN" \
  --data '{
    "name": "pytorch1_4",
    "namespace": "atelier-auto",
    "tag": "20221223",
    "description": "save from notebook-x21d",
    "workspace_id": "0"
  }'
