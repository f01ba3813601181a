# Starts a stopped instance, to stop again automatically after 2 hours, and follows it until it is
# RUNNING.
notebook-image notebook start 6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b \
  --duration 7200000 \
  --wait \
  --region cn-north-4
