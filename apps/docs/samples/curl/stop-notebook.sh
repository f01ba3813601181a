# Set PROJECT_ID, INSTANCE_ID and NOTEBOOK_IMAGE_TOKEN first. The instance answers STOPPING, then
# goes STOPPED; a stopped instance cannot be saved until it is started again.
curl --fail-with-body --silent --show-error \
  --request POST \
  "https://modelarts.cn-north-4.myhuaweicloud.com/v1/$PROJECT_ID/notebooks/$INSTANCE_ID/stop" \
  --header "X-Auth-Token: $NOTEBOOK_IMAGE_TOKEN"
