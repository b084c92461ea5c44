#!/bin/sh
# Checks the LED application's toggles in virtual time: at least MIN toggles of PIN, each
# PERIOD_MS after the previous one within one SysTick (1 ms).
#   led_period.sh "SIM ARGS" PIN PERIOD_MS MIN
set -u
args=$1 pin=$2 period=$3 min=$4
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# shellcheck disable=SC2086
"$SIM" $args >"$log" 2>&1 || { echo "FAIL: simulator exit $?"; cat "$log"; exit 1; }
grep -E "gpio: $pin = " "$log" | tr -d '[]' |
    awk -v period="$period" -v min="$min" -v pin="$pin" -f "$(dirname "$0")/led_period.awk" || { cat "$log"; exit 1; }
