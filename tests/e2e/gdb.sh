#!/bin/sh
# Drives gdb-multiarch in batch mode against the simulator's GDB server (--gdb): the demo boot
# and the LED application in QSPI flash. Every step is checked from gdb's output.
#   gdb.sh SIM FW_DIR [session | lockup]
# FW_DIR: build/fw/demo, with boot.elf, boot.bin, led.elf, qspi.img. "session" (the default):
# reset halt, break in QSPI main, registers, variables, steps, continue, Ctrl-C, kill.
# "lockup": a lock-up under the debugger stops as SIGSEGV with the state readable, then exits.
# The simulator picks a free loopback port (--gdb 0) and logs it, so runs in parallel never
# collide; every wait is bounded (timeout).
set -u
sim=$1 fw=$2 scenario=${3:-session}
tmp=$(mktemp -d)
simpid="" gdbpid=""
cleanup() {
    [ -n "$gdbpid" ] && kill "$gdbpid" 2>/dev/null
    [ -n "$simpid" ] && kill "$simpid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*"
    echo "---- gdb output ----"
    cat "$tmp/gdb.out" 2>/dev/null
    echo "---- simulator log ----"
    cat "$tmp/sim.log"
    exit 1
}
section() {
    awk -v s="@@$1" '$0 == s { on = 1; next } /^@@/ { on = 0 } on' "$tmp/gdb.out"
}
expect() {
    section "$1" | grep -q -E -- "$2" || fail "step $1: no line matching '$2'"
}

timeout 120 "$sim" --board stm32h743i-eval --boot "$fw/boot.bin" --qspi "$fw/qspi.img" --gdb 0 \
    >"$tmp/sim.log" 2>&1 &
simpid=$!
port=""
for _ in $(seq 100); do
    port=$(sed -n 's/.*sim: gdb: listening on 127\.0\.0\.1:\([0-9]*\),.*/\1/p' "$tmp/sim.log")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || fail "the simulator did not start listening within 10 s"
# Loopback only: the one listening socket on that port is bound to 127.0.0.1 (0100007F in
# /proc/net/tcp), not to any other address, IPv6 included (state 0A: LISTEN).
hexport=$(printf '%04X' "$port")
listen=$(cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
         awk -v p=":$hexport" '$4 == "0A" && substr($2, length($2) - 4) == p { print $2 }' | tr '\n' ' ')
[ "$listen" = "0100007F:$hexport " ] || fail "listening on '$listen', expected 0100007F:$hexport (127.0.0.1) only"

if [ "$scenario" = lockup ]; then
    # FAULTMASK set, then a load from the FMC window that nothing maps: the bus fault cannot
    # be taken, the core locks up. The instruction is written into AXI SRAM by gdb (X packet).
    timeout --foreground 60 gdb-multiarch -nx -batch -ex "file $fw/boot.elf" -ex "target remote 127.0.0.1:$port" \
        -ex 'set $faultmask = 1' -ex 'set $r0 = 0x60000000' -ex 'set {short}0x24000000 = 0x6800' \
        -ex 'set $pc = 0x24000000' -ex 'echo @@lockup\n' -ex 'continue' -ex 'p/x $pc' -ex 'p/x $faultmask' \
        -ex 'x/i $pc' -ex 'echo @@exit\n' -ex 'continue' >"$tmp/gdb.out" 2>&1
    gdbrc=$?
    wait "$simpid"
    simrc=$?
    simpid=""
    [ "$gdbrc" -eq 0 ] || fail "gdb exit status $gdbrc"
    [ "$simrc" -eq 2 ] || fail "simulator exit status $simrc, expected 2 (fault)"
    expect lockup '^Program received signal SIGSEGV'
    expect lockup '^\$1 = 0x24000000$'
    expect lockup '^\$2 = 0x1$'
    expect lockup 'ldr\s+r0, \[r0(, #0)?\]'
    expect exit '^\[Inferior 1 \(Remote target\) exited with code 02\]$'
    grep -Eq "sim: lock-up: BusFault \(precise data bus error, read of 0x60000000: .*\) with execution priority -1 \(FAULTMASK set\) at pc 0x24000000" "$tmp/sim.log" ||
        fail "no lock-up in the simulator log"
    echo "ok: lock-up shown to gdb as SIGSEGV, then the exit"
    exit 0
fi

# Sections start with a marker line (@@ name) so that each check looks at one step's output.
cat >"$tmp/cmds" <<EOF
set pagination off
file $fw/boot.elf
target remote 127.0.0.1:$port
echo @@reset\n
info symbol \$pc
p \$pc == (*(unsigned int *)0x08000004 & ~1)
p \$sp == *(unsigned int *)0x08000000
echo @@qspi-before-boot\n
x/x 0x90000000
echo @@break-main\n
symbol-file $fw/led.elf
break main
continue
echo @@in-main\n
info symbol \$pc
p/x \$pc
info registers
p (\$xpsr >> 24) & 1
p g_core_hz
echo @@next\n
next
p g_core_hz
echo @@stepi\n
monitor time
p/x \$pc
stepi
p/x \$pc
monitor time
echo @@write-flash\n
set {int}0x90000000 = 0
echo @@systick\n
break SysTick_Handler
continue
p ticks
continue
p ticks
set var ticks = 41
continue
p ticks
delete
echo @@interrupt\n
continue
info symbol \$pc
echo @@kill\n
kill
EOF
# As -ex arguments, not -x: a command file stops at the first error, and two steps expect one.
set --
while IFS= read -r c; do
    set -- "$@" -ex "$c"
done <"$tmp/cmds"
# --foreground: timeout then passes the SIGINT below to gdb once (not to its group as well,
# which gdb would take as a second Ctrl-C: "the target is not responding").
timeout --foreground 60 gdb-multiarch -nx -batch "$@" >"$tmp/gdb.out" 2>&1 &
gdbpid=$!
# Ctrl-C: once gdb has resumed the target for the last time, interrupt it as a user would.
for _ in $(seq 300); do
    grep -q "^@@interrupt" "$tmp/gdb.out" && break
    sleep 0.1
done
grep -q "^@@interrupt" "$tmp/gdb.out" || fail "gdb did not reach the interrupt step within 30 s"
# Running again once the first LED toggles anew (every 100 ms of virtual time): then Ctrl-C.
n0=$(grep -c "gpio: PF10 = " "$tmp/sim.log")
for _ in $(seq 300); do
    [ "$(grep -c "gpio: PF10 = " "$tmp/sim.log")" -gt "$n0" ] && break
    sleep 0.1
done
[ "$(grep -c "gpio: PF10 = " "$tmp/sim.log")" -gt "$n0" ] || fail "the target did not run after continue within 30 s"
kill -INT "$gdbpid"
wait "$gdbpid"
gdbrc=$?
gdbpid=""
wait "$simpid"
simrc=$?
simpid=""
[ "$gdbrc" -eq 0 ] || fail "gdb exit status $gdbrc"
[ "$simrc" -eq 0 ] || fail "simulator exit status $simrc"

# Halted at the boot's reset handler, with the boot's initial stack: nothing has run yet.
expect reset '^Reset_Handler in section \.text$'
expect reset '^\$1 = 1$'
expect reset '^\$2 = 1$'
# The QSPI window is not mapped before the boot configured the controller: an error, no crash.
expect qspi-before-boot 'Cannot access memory at address 0x90000000'
# The breakpoint is set in external flash before it is readable, and hit after the boot.
expect break-main '^Breakpoint 1 at 0x9000[0-9a-f]{4}: file .*apps/led/main\.c'
expect break-main '^Breakpoint 1, main \(\) at .*apps/led/main\.c'
expect in-main '^main in section \.text$'
expect in-main '^\$[0-9]+ = 0x9000[0-9a-f]{4}$'
expect in-main '^pc +0x9000[0-9a-f]{4} +0x9000[0-9a-f]{4} <main>$'
expect in-main '^sp +0x240[0-9a-f]{5} '
expect in-main '^r0 +0x[0-9a-f]+ '
expect in-main '^lr +0x9000[0-9a-f]{4} '
expect in-main '^xpsr +0x[0-9a-f]+ '
expect in-main '^\$[0-9]+ = 1$'
# Stepping over the first line of main stores the core clock in the app's global.
expect next 'cm7_cyccnt_start\(\);'
expect next '^\$[0-9]+ = 400000000$'
# One instruction step: the PC moves and virtual time advances by exactly one instruction.
section stepi | grep -E '^virtual time' >"$tmp/times"
[ "$(wc -l <"$tmp/times")" -eq 2 ] || fail "step stepi: two 'monitor time' answers expected"
awk 'NR == 1 { t = $3; n = $5 } NR == 2 { if ($5 - n != 1 || $3 <= t) exit 1 }' "$tmp/times" ||
    fail "step stepi: one instruction and some virtual time expected between the two times"
pcs=$(section stepi | sed -n 's/^\$[0-9]* = \(0x[0-9a-f]*\)$/\1/p' | tr '\n' ' ')
set -- $pcs
[ $# -eq 2 ] && [ "$1" != "$2" ] || fail "step stepi: the PC did not move ($pcs)"
# The external flash is read-only on the bus: the debugger's write is refused.
expect write-flash 'Cannot access memory at address 0x90000000'
# Continue to the SysTick handler, twice: the app's tick counter, then a value written by gdb.
expect systick '^Breakpoint 2, SysTick_Handler \(\) at .*apps/led/main\.c'
[ "$(section systick | sed -n 's/^\$[0-9]* = \([0-9]*\)$/\1/p' | tr '\n' ' ')" = "0 1 42 " ] ||
    fail "step systick: ticks should read 0, 1, then 42 after writing 41"
# Ctrl-C while running: halted with SIGINT somewhere in the application.
expect interrupt '^Program received signal SIGINT, Interrupt\.$'
expect interrupt 'in section \.text$'
expect kill '^\[Inferior 1 \(Remote target\) killed\]$'
grep -q "sim: gdb: run ended by the debugger (kill)" "$tmp/sim.log" || fail "the simulator did not end on kill"
grep -q -E "sim: end: .* 0 faults, 0 errors, exit 0" "$tmp/sim.log" || fail "the run was not clean"
echo "ok: gdb session checked step by step"
