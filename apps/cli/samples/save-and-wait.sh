# Saves the instance, then follows the image until it is ACTIVE (exit 0) or its save failed; a
# wait that runs out exits with its own code and prints the image id, to resume with `wait`.
notebook-image save 6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b \
  --name pytorch1_4 \
  --namespace atelier-auto \
  --tag 20221223 \
  --wait \
  --region cn-north-4
