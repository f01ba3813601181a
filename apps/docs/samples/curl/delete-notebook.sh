# Set PROJECT_ID, INSTANCE_ID and NOTEBOOK_IMAGE_TOKEN first. The instance answers DELETING, then
# is gone (ShowNotebook: 6309). Images saved from it stay.
curl --fail-with-body --silent --show-error \
  --request DELETE \
  "https://modelarts.cn-north-4.myhuaweicloud.com/v1/$PROJECT_ID/notebooks/$INSTANCE_ID" \
  --header "X-Auth-Token: $NOTEBOOK_IMAGE_TOKEN"
