#!/bin/sh
# Test double: answers the first case, then dies of SIGSEGV.
read -r line
echo '{"id": 0, "value": 0.5}'
kill -SEGV $$
