#!/bin/sh
# Runs the store-loop firmware for 2 s of virtual time (64 MHz HSI: 128 M cycles) RUNS times
# (default 5) and prints the guest instructions per second of host time, per run and as
# best/median over the runs: of wall-clock time, and of the simulator's own CPU time (user +
# system). The simulator is single-threaded, so unloaded the two agree; on a machine shared
# with other jobs the CPU figure is the one that compares two builds.
#   bench-sim.sh SIM FIRMWARE [RUNS]
set -eu
sim=$1 fw=$2 runs=${3:-5}
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.out"' EXIT
walls="" cpus="" instr=0 i=0
while [ "$i" -lt "$runs" ]; do
    times >"$tmp"
    c0=$(sed -n 2p "$tmp")
    t0=$(date +%s%N)
    "$sim" --board stm32h743i-eval --boot "$fw" --until-ms 2000 >"$tmp.out"
    t1=$(date +%s%N)
    times >"$tmp"
    c1=$(sed -n 2p "$tmp")
    instr=$(tail -1 "$tmp.out" | sed -n 's/.*end: \([0-9]*\) instructions.*/\1/p')
    wall=$(((t1 - t0) / 1000000))
    cpu=$(printf '%s\n%s\n' "$c0" "$c1" | tr 'ms' '  ' |
          awk '{ t[NR] = ($1 * 60 + $2 + $3 * 60 + $4) * 1000 } END { printf "%d", t[2] - t[1] }')
    echo "bench: run $((i + 1)): $instr guest instructions, $wall ms wall, $cpu ms CPU:" \
         "$((instr / 1000 / wall)) M instructions/s wall, $((instr / 1000 / cpu)) M/s CPU"
    walls="$walls $wall" cpus="$cpus $cpu"
    i=$((i + 1))
done
stats() { # best and median of a list of milliseconds, as M instructions/s
    echo "$1" | tr ' ' '\n' | sed '/^$/d' | sort -n |
        awk -v n="$instr" '{ v[NR] = $1 } END { printf "best %d, median %d M instructions/s", n / 1000 / v[1], n / 1000 / v[int((NR + 1) / 2)] }'
}
echo "bench: store loop, $runs runs: wall clock: $(stats "$walls"); CPU time: $(stats "$cpus")"
