#!/bin/sh
# Test double: prints without end.
yes '{"value": 1}'
