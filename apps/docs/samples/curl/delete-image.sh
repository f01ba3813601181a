# Set PROJECT_ID, IMAGE_ID and NOTEBOOK_IMAGE_TOKEN first. force=true also deletes the image
# content in SWR, not only the image record.
curl --fail-with-body --silent --show-error \
  --request DELETE \
  "https://modelarts.cn-north-4.myhuaweicloud.com/v1/$PROJECT_ID/images/$IMAGE_ID?force=true" \
  --header "X-Auth-Token: $NOTEBOOK_IMAGE_TOKEN"
