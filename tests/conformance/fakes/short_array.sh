#!/bin/sh
# Test double: answers softmax(0, 0, 0, 0) with three values for its four elements.
while read -r line; do
  echo '{"value": [0.25, 0.25, 0.25]}'
done
