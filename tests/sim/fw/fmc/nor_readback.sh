#!/bin/sh
# Runs the NOR memory test with IMAGE as the flash contents and checks that the firmware's
# read-back CRC-32 over the whole flash equals the CRC-32 of the image padded with erased
# bytes to the flash size (computed here from gzip's trailer, the same IEEE CRC-32).
#   nor_readback.sh IMAGE FLASH_BYTES "SIM ARGS" [+PATTERN | !PATTERN]...
set -eu
img=$1 size=$2 args=$3
shift 3
len=$(stat -c %s "$img")
crc=$({ cat "$img"; head -c $((size - len)) /dev/zero | tr '\0' '\377'; } | gzip -1 -c | tail -c 8 | od -An -tx4 -N4 | tr -d ' \n')
exec "$(dirname "$0")/../../../e2e/expect.sh" 0 "$args --image fmc-nor=$img" \
    "+memtest: NOR flash read-back CRC-32 over [0-9]+ MiB: 0x$crc" "$@"
