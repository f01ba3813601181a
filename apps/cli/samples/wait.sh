# Follows an image until it is ACTIVE (or its save failed); `image show` looks once.
notebook-image wait 4e0d1854-63e5-4517-b683-a0ee97a692a1 \
  --wait-timeout 600 \
  --region cn-north-4
