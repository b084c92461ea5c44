#!/bin/sh
# Runs the store-loop firmware for 2 s of virtual time (64 MHz HSI: 128 M cycles) and prints
# the guest instructions per second of host time.
set -eu
sim=$1 fw=$2
t0=$(date +%s%N)
out=$("$sim" --board stm32h743i-eval --boot "$fw" --until-ms 2000 | tail -1)
t1=$(date +%s%N)
instr=$(echo "$out" | sed -n 's/.*end: \([0-9]*\) instructions.*/\1/p')
ns=$((t1 - t0))
echo "bench: store loop: $instr guest instructions in $((ns / 1000000)) ms host time:" \
     "$((instr * 1000 / (ns / 1000000) / 1000000)) M instructions/s"
