#!/bin/sh
# Runs the simulator and checks its output: the exit status, lines that must appear in the
# given order (extended regular expressions), and lines that must not appear.
#   expect.sh EXIT_STATUS "ARGS..." [+PATTERN | !PATTERN]...
# Prints the whole log when a check fails.
set -u
want_exit=$1
args=$2
shift 2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# shellcheck disable=SC2086
"$SIM" $args >"$log" 2>&1
status=$?
fail() {
    echo "FAIL: $*"
    echo "---- simulator log ----"
    cat "$log"
    exit 1
}
[ "$status" -eq "$want_exit" ] || fail "exit status $status, expected $want_exit"
line=0
for p in "$@"; do
    case "$p" in
    +*)
        pat=${p#+}
        found=$(tail -n +"$((line + 1))" "$log" | grep -n -E -m1 -- "$pat" | cut -d: -f1)
        [ -n "$found" ] || fail "no line matching '$pat' after line $line"
        line=$((line + found))
        ;;
    !*)
        pat=${p#!}
        ! grep -q -E -- "$pat" "$log" || fail "a line matches '$pat'"
        ;;
    *) fail "bad check '$p'" ;;
    esac
done
echo "ok: exit $status, $# checks"
