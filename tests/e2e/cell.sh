#!/bin/sh
# One cell of the configuration matrix, booted in the simulator with the resources check:
#   cell.sh led|hello|rtos "SIM ARGS" CODE_BASE CODE_SIZE DATA_BASE DATA_SIZE LEDS
# led:   the LED application runs from the code area with its stack in the data area, VTOR at
#        its own vector table, LED1 toggles every 100 ms and LED2 (boards with LEDS=2) every
#        250 ms, each within 1 ms.
# hello: the code, vectors, data and stack addresses it prints lie in the cell's areas.
# rtos:  the RTOS demo's one-second report shows the LED tasks, the queue and the FP checks,
#        and its LED tasks keep the same periods as the LED application.
# Every kind also requires a clean resources report at the jump and no simulator error.
set -u
kind=$1 args=$2
code_base=$(($3)) code_size=$(($4)) data_base=$(($5)) data_size=$(($6)) leds=$7
log=$(mktemp)
trap 'rm -f "$log"' EXIT
case "$kind" in
led) ms=800 ;;
hello) ms=60 ;;
rtos) ms=1100 ;;
*) echo "usage: cell.sh led|hello|rtos ARGS CODE_BASE CODE_SIZE DATA_BASE DATA_SIZE"; exit 2 ;;
esac
# shellcheck disable=SC2086
"$SIM" --check-resources $args --until-ms $ms >"$log" 2>&1
status=$?
fail() {
    echo "FAIL: $*"
    echo "---- simulator log ----"
    cat "$log"
    exit 1
}
in_code() { [ $(($1)) -ge $code_base ] && [ $(($1)) -lt $((code_base + code_size)) ]; }
in_data() { [ $(($1)) -ge $data_base ] && [ $(($1)) -le $((data_base + data_size)) ]; }
# LED1 every 100 ms and LED2 (when the board has two) every 250 ms, within 1 ms, counted from
# the line matching $1 (the application's start).
check_leds() {
    start=$1
    [ "$leds" -gt 2 ] && leds=2
    pins=$(sed -n "/$start/,\$p" "$log" | grep -oE "gpio: P[A-K][0-9]+" | awk '!seen[$2]++ {print $2}' | head -2)
    set -- $pins
    [ $# -eq "$leds" ] || fail "expected $leds LEDs driven by the application, saw: $pins"
    specs="$1 100 5"
    [ "$leds" -eq 2 ] && specs="$specs
$2 250 2"
    echo "$specs" | while read -r spec; do
        set -- $spec
        grep -E "gpio: $1 = " "$log" | tr -d '[]' |
            awk -v period="$2" -v min="$3" -v pin="$1" -f "$(dirname "$0")/led_period.awk" || exit 1
    done || fail "LED period"
}
[ "$status" -eq 0 ] || fail "simulator exit status $status"
grep -q "sim: error" "$log" && fail "the simulator reported an error"
grep -qE "sim: resources at the jump to 0x[0-9a-f]+: clean" "$log" || fail "no clean resources report at the jump"
case "$kind" in
led)
    line=$(grep -m1 "led: running from" "$log") || fail "the LED application did not start"
    set -- $(echo "$line" | sed -E 's/.*running from (0x[0-9a-f]+) \(VTOR (0x[0-9a-f]+)\), stack at (0x[0-9a-f]+).*/\1 \2 \3/')
    in_code "$1" || fail "main at $1 is outside the code area"
    [ $(($2)) -eq $code_base ] || fail "VTOR $2 is not the start of the code area"
    in_data "$3" || fail "stack at $3 is outside the data area"
    check_leds "led: running from"
    ;;
hello)
    line=$(grep -m1 "hello: code" "$log") || fail "the hello application did not start"
    set -- $(echo "$line" | sed -E 's/.*code (0x[0-9a-f]+), vectors (0x[0-9a-f]+) \(VTOR (0x[0-9a-f]+)\), data (0x[0-9a-f]+), stack (0x[0-9a-f]+).*/\1 \2 \3 \4 \5/')
    in_code "$1" || fail "main at $1 is outside the code area"
    [ $(($2)) -eq $code_base ] && [ $(($3)) -eq $code_base ] || fail "vectors $2 / VTOR $3 not at the code area"
    in_data "$4" || fail "data at $4 is outside the data area"
    in_data "$5" || fail "stack at $5 is outside the data area"
    grep -q "hello: core .* data initialised, bss zeroed" "$log" || fail "data or bss not set up"
    echo "ok: code $1, vectors $2, data $4, stack $5"
    ;;
rtos)
    grep -qE "rtos: 1000 ms: led1 10 toggles, led2 4, (9|10) messages in order, fp [1-9][0-9]* checks, 0 errors" "$log" ||
        fail "no clean one-second report from the RTOS demo"
    check_leds "rtos: demo on"
    echo "ok: rtos demo"
    ;;
esac
exit 0
