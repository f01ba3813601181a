# Set PROJECT_ID and NOTEBOOK_IMAGE_TOKEN first. Filters (status, name, image_id…) narrow the
# list; read further pages with offset=10, 20… until a page holds fewer than limit instances.
curl --fail-with-body --silent --show-error --get \
  "https://modelarts.cn-north-4.myhuaweicloud.com/v1/$PROJECT_ID/notebooks" \
  --data-urlencode "status=RUNNING" \
  --data-urlencode "limit=10" \
  --data-urlencode "offset=0" \
  --header "X-Auth-Token: $NOTEBOOK_IMAGE_TOKEN"
