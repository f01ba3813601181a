# Stops a running instance (its work volume is kept); --wait would follow it until it is STOPPED.
notebook-image notebook stop 6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b --region cn-north-4
