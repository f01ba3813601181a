# One look at an image: its status, and why a save failed (status_message); `wait` follows it.
notebook-image image show 4e0d1854-63e5-4517-b683-a0ee97a692a1 \
  --region cn-north-4
