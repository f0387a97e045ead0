#!/bin/sh
# Test double: never reads its input (the pipe fills up) and never exits.
sleep 1000
