# --force also deletes the image content in SWR.
notebook-image image delete 4e0d1854-63e5-4517-b683-a0ee97a692a1 \
  --force \
  --region cn-north-4
