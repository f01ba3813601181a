# Lets a running instance run two more hours from now before it stops by itself.
notebook-image notebook renew 6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b --duration 7200000 --region cn-north-4
