#!/bin/sh
# Test double: reads its input, answers nothing, and never exits (its child keeps the pipes open).
cat >/dev/null
sleep 1000
