#!/bin/sh
# Test double: answers two cases (the second by id, out of order), ignores the rest, exits 3.
read -r a
read -r b
echo '{"id": 1, "error": "no"}'
echo '{"id": 0, "value": "0x1p-1"}'
exit 3
