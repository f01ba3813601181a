# Set PROJECT_ID, IMAGE_ID (the id create-image returned) and NOTEBOOK_IMAGE_TOKEN (an IAM token).
# Poll it until "status" is ACTIVE; CREATE_FAILED or ERROR mean the save failed (see status_message).
curl --fail-with-body --silent --show-error \
  "https://modelarts.cn-north-4.myhuaweicloud.com/v1/$PROJECT_ID/images/$IMAGE_ID" \
  --header "X-Auth-Token: $NOTEBOOK_IMAGE_TOKEN"
