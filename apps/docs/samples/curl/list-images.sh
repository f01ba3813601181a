# Set PROJECT_ID and NOTEBOOK_IMAGE_TOKEN first. Saved images are DEDICATED (the default type is
# BUILD_IN); read further pages with offset=200, 400… until a page holds fewer than limit images.
curl --fail-with-body --silent --show-error --get \
  "https://modelarts.cn-north-4.myhuaweicloud.com/v1/$PROJECT_ID/images" \
  --data-urlencode "type=DEDICATED" \
  --data-urlencode "namespace=atelier-auto" \
  --data-urlencode "limit=200" \
  --data-urlencode "offset=0" \
  --header "X-Auth-Token: $NOTEBOOK_IMAGE_TOKEN"
