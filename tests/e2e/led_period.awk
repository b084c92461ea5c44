# Toggles of one pin in virtual time, from "gpio: PIN = ..." log lines with the brackets
# removed: at least MIN toggles, each PERIOD ms after the previous one within 1 ms (the first
# interval is skipped: it counts from the pin's set-up, not from a toggle).
#   awk -v pin=PF10 -v period=100 -v min=5 -f led_period.awk
{
    t = $1 + 0
    if (n > 1) {
        d = t - prev
        if (d < period - 1 || d > period + 1) {
            printf "FAIL: %s toggled %.6f ms after the previous toggle, expected %d ms\n", pin, d, period
            bad = 1
        }
    }
    prev = t
    n++
}
END {
    if (n - 1 < min) { printf "FAIL: %d toggles of %s, expected at least %d\n", n - 1, pin, min; exit 1 }
    if (bad) exit 1
    printf "ok: %d toggles of %s, every %d ms\n", n - 1, pin, period
}
