# Set PROJECT_ID, INSTANCE_ID and NOTEBOOK_IMAGE_TOKEN first. The instance answers STARTING, then
# goes RUNNING; a RUNNING one is refused.
curl --fail-with-body --silent --show-error \
  --request POST \
  "https://modelarts.cn-north-4.myhuaweicloud.com/v1/$PROJECT_ID/notebooks/$INSTANCE_ID/start" \
  --header "X-Auth-Token: $NOTEBOOK_IMAGE_TOKEN"
