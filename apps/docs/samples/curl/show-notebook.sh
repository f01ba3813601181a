# Set PROJECT_ID, INSTANCE_ID and NOTEBOOK_IMAGE_TOKEN first. "status" must be RUNNING to save the
# instance; it is SNAPSHOTTING while a save runs, and "image.id" is the new image after one.
curl --fail-with-body --silent --show-error \
  "https://modelarts.cn-north-4.myhuaweicloud.com/v1/$PROJECT_ID/notebooks/$INSTANCE_ID" \
  --header "X-Auth-Token: $NOTEBOOK_IMAGE_TOKEN"
