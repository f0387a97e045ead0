#!/bin/sh
# Test double: prints one line of garbage per case, then a last line without a newline.
while read -r line; do
  echo 'this is not JSON {{{'
done
printf '{"value": "not a number"}'
