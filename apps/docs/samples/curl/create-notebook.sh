# Set PROJECT_ID and NOTEBOOK_IMAGE_TOKEN first. image_id is a built-in image (ListImage with
# type=BUILD_IN) or one you saved, once ACTIVE. The instance answers CREATING, then goes STARTING
# and RUNNING: follow it with ShowNotebook.
curl --fail-with-body --silent --show-error \
  --request POST \
  "https://modelarts.cn-north-4.myhuaweicloud.com/v1/$PROJECT_ID/notebooks" \
  --header "Content-Type: application/json" \
  --header "X-Auth-Token: $NOTEBOOK_IMAGE_TOKEN" \
  --data '{
    "name": "notebooks_test",
    "description": "api-test",
    "feature": "NOTEBOOK",
    "workspace_id": "0",
    "flavor": "modelarts.vm.cpu.2u",
    "image_id": "e1a07296-22a8-4f05-8bc8-e936c8e54090",
    "volume": { "category": "EVS", "ownership": "MANAGED", "capacity": 50 }
  }'
