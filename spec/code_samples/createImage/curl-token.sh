# IAM token in X-Auth-Token; PROJECT_ID, INSTANCE_ID and MODELARTS_TOKEN set in the shell.
curl --fail-with-body --silent --show-error \
  --request POST \
  "https://modelarts.cn-north-4.myhuaweicloud.com/v1/$PROJECT_ID/notebooks/$INSTANCE_ID/create-image" \
  --header "Content-Type: application/json" \
  --header "X-Auth-Token: $MODELARTS_TOKEN" \
  --data '{
    "name": "pytorch1_4",
    "namespace": "atelier-auto",
    "tag": "20221223",
    "description": "save from notebook-x21d",
    "workspace_id": "0"
  }'
