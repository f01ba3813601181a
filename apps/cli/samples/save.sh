# Signs with HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (or sends NOTEBOOK_IMAGE_TOKEN), for the
# project in HUAWEICLOUD_SDK_PROJECT_ID.
notebook-image save 6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b \
  --name pytorch1_4 \
  --namespace atelier-auto \
  --tag 20221223 \
  --region cn-north-4
