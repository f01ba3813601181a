# Deletes an instance and its work volume (the images saved from it stay); --wait would follow it
# until it is gone.
notebook-image notebook delete 6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b --region cn-north-4
