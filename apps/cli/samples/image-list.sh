# The images you saved in the organization (saved images are DEDICATED), as a table; --json for JSON.
notebook-image image list \
  --type DEDICATED \
  --namespace atelier-auto \
  --region cn-north-4
