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
grep -E "gpio: $pin = " "$log" | tr -d '[]' | awk -v period="$period" -v min="$min" -v pin="$pin" '
    { t = $1 + 0; if (n > 0) { d = t - prev; if (n > 1 && (d < period - 1 || d > period + 1)) {
          printf "FAIL: %s toggled %.6f ms after the previous toggle, expected %d ms\n", pin, d, period; bad = 1 } }
      prev = t; n++ }
    END { if (n - 1 < min) { printf "FAIL: %d toggles of %s, expected at least %d\n", n - 1, pin, min; exit 1 }
          if (bad) exit 1; printf "ok: %d toggles of %s, every %d ms\n", n - 1, pin, period }' || { cat "$log"; exit 1; }
