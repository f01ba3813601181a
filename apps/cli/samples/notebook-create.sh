# Creates a notebook instance from a built-in image (`image list` lists them) or from an image you
# saved, once it is ACTIVE, then follows it until it is RUNNING (exit 0) or has failed (exit 5).
notebook-image notebook create \
  --name notebooks_test \
  --flavor modelarts.vm.cpu.2u \
  --image-id e1a07296-22a8-4f05-8bc8-e936c8e54090 \
  --volume-category EVS \
  --volume-ownership MANAGED \
  --wait \
  --region cn-north-4
