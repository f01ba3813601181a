# Waits until an instance is RUNNING (--until STOPPED or deleted for the other ends); Ctrl-C stops
# waiting and leaves the instance as it is.
notebook-image notebook wait 6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b --region cn-north-4
