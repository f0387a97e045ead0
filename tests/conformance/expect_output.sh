#!/bin/sh
# Runs a command and checks its exit status and that its output (stdout and stderr) contains a
# given text:  expect_output.sh STATUS TEXT COMMAND [ARG...]
status=$1 text=$2
shift 2
out=$("$@" 2>&1)
rc=$?
printf '%s\n' "$out"
if [ "$rc" != "$status" ]; then
  echo "expect_output.sh: exit status $rc, expected $status" >&2
  exit 1
fi
case $out in
*"$text"*) exit 0 ;;
esac
echo "expect_output.sh: the output does not contain: $text" >&2
exit 1
