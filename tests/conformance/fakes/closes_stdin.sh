#!/bin/sh
# Test double: closes its input at once and exits 0 without answering.
exec 0<&-
exit 0
