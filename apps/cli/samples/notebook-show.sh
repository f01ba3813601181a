# RUNNING: ready to be saved; SNAPSHOTTING: a save is running. To wait for a status instead of
# looking once: notebook-image notebook wait <id> --until RUNNING|STOPPED|deleted (Ctrl-C stops
# waiting and leaves the instance as it is).
notebook-image notebook show 6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b \
  --region cn-north-4
