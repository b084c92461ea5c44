#!/bin/sh
# Runs a command that must fail, and checks that its message names the problem:
#   rejects.sh REGEX COMMAND [ARGS...]
set -u
pat=$1
shift
out=$("$@" 2>&1) && { echo "FAIL: '$*' was accepted"; echo "$out"; exit 1; }
echo "$out" | grep -qE -- "$pat" || { echo "FAIL: message does not match '$pat':"; echo "$out"; exit 1; }
echo "ok: rejected with: $(echo "$out" | head -3)"
