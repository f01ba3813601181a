# Set PROJECT_ID, INSTANCE_ID and NOTEBOOK_IMAGE_TOKEN first. The instance must be STOPPED; only
# the fields given change. A new flavor or image_id is what it runs from its next start.
curl --fail-with-body --silent --show-error \
  --request PUT \
  "https://modelarts.cn-north-4.myhuaweicloud.com/v1/$PROJECT_ID/notebooks/$INSTANCE_ID" \
  --header "Content-Type: application/json" \
  --header "X-Auth-Token: $NOTEBOOK_IMAGE_TOKEN" \
  --data '{
    "name": "notebook-x21d-large",
    "description": "pytorch development, 8 vCPUs",
    "flavor": "modelarts.vm.cpu.8u"
  }'
