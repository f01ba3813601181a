# Renames a stopped instance and gives it a larger flavor, which it runs from its next start.
notebook-image notebook update 6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b --name notebook-x21d-large \
  --flavor modelarts.vm.cpu.8u --region cn-north-4
