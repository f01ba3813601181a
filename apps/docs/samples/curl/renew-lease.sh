# Set PROJECT_ID, INSTANCE_ID and NOTEBOOK_IMAGE_TOKEN first. The instance must be RUNNING: it may
# then run two hours from now before it stops by itself. The answer is its lease, whose duration
# counts from the instance's create_at.
curl --fail-with-body --silent --show-error \
  --request PATCH \
  "https://modelarts.cn-north-4.myhuaweicloud.com/v1/$PROJECT_ID/notebooks/$INSTANCE_ID/lease" \
  --header "Content-Type: application/json" \
  --header "X-Auth-Token: $NOTEBOOK_IMAGE_TOKEN" \
  --data '{ "duration": 7200000, "type": "TIMING" }'
