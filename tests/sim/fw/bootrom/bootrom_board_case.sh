#!/bin/sh
# One bad-input BootROM scenario on an OCTOSPI board (STM32H7B3I-EVAL, STM32H7B3I-DK,
# STM32H735G-DK): builds the medium from the board's packed application with the host tools,
# boots it in the simulator and checks with tests/e2e/expect.sh that the run ends in the
# error line, blinks the code on the board's last LED and never jumps.
#   bootrom_board_case.sh CASE BOARD FW_DIR TOOLS_DIR WORK_DIR      (env SIM = simulator)
set -eu
case_name=$1 B=$2 fw=$3 tools=$4 work=$5
here=$(cd "$(dirname "$0")" && pwd)
expect=$here/../../../e2e/expect.sh
sd_cell=$fw/bootrom-sd-$B
nor_cell=$fw/bootrom-spinor-$B
fast_cell=$fw/bootrom-spinor-fast-$B
media=$tools/extmem-media
# console, the error LED switching on, how an empty slot shows (detect switch or no answer)
case "$B" in
stm32h7b3i-eval)
    U=uart1 led_on="PG13 = 0 \\(LED1 green on\\)"
    no_card="no card \\(no card answers at ACMD41 operating condition\\)" ;;
stm32h7b3i-dk)
    U=uart1 led_on="PG2 = 0 \\(LD2 red on\\)"
    no_card="no card \\(card-detect switch open at card detect\\)" ;;
stm32h735g-dk)
    U=uart3 led_on="PC2 = 0 \\(LD2 red on\\)"
    no_card="no card \\(card-detect switch open at card detect\\)" ;;
*)
    echo "unknown board $B"
    exit 2 ;;
esac
rm -rf "$work"
mkdir -p "$work"
cd "$work"

sdcard() { "$media" sdcard -o sd.img --fat 16 --size-mib 8 "$@" >/dev/null; }
spinor() { "$media" spinor -o nor.img --size 2M --offset 0x100000 "$1" >/dev/null; }
byte_at() { od -An -tu1 -j "$2" -N1 "$1" | tr -d ' '; }
put_byte() { printf "\\$(printf %03o "$3")" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null; }
flip_bit() { put_byte "$1" "$2" $(( $(byte_at "$1" "$2") ^ 1 )); }

SD="--board $B --boot $sd_cell/boot.bin --image sd=sd.img"
NOR="--board $B --boot $nor_cell/boot.bin --image ospi=nor.img"
FAST="--board $B --boot $fast_cell/boot.bin --image ospi=nor.img"
fail() { # ARGS ERROR_LINE [more patterns]
    args=$1 line=$2
    shift 2
    exec "$expect" 0 "$args --until-ms 100" "+$U: $line" "+gpio: $led_on" "!\\[boot\\] jump" "!led:" "!Fault" "$@"
}

case "$case_name" in
sd-no-card)
    fail "--board $B --boot $sd_cell/boot.bin --set sd.card=absent" "E60 sdcard: $no_card: insert a card" ;;
sd-file-missing)
    "$media" sdcard -o sd.img --fat 32 --size-mib 35 "$sd_cell/led.img=OTHER.BIN" >/dev/null
    fail "$SD" "E62 sdcard: file PROJECT.BIN not found in FAT32 volume: copy the packed application there" ;;
sd-payload-bit-flip)
    cp "$sd_cell/led.img" f.img
    flip_bit f.img 1124
    sdcard f.img=PROJECT.BIN
    fail "$SD" "E58 image: payload SHA-256 mismatch after the copy to 0x24000000: file PROJECT.BIN is corrupted" ;;
spinor-erased)
    : > nor.img
    fail "$NOR" "E71 spinor: flash erased at offset 0x100000 \\(reads FF\\): program the packed image there" \
        "!\\[boot\\] image:" ;;
spinor-payload-bit-flip)
    cp "$nor_cell/led.img" f.img
    flip_bit f.img 2000
    spinor f.img
    fail "$NOR" "E58 image: payload SHA-256 mismatch after the copy to 0x24000000: flash offset 0x00100000 is corrupted" ;;
spinor-fast-payload-bit-flip)
    cp "$fast_cell/led.img" f.img
    flip_bit f.img 2001
    spinor f.img
    fail "$FAST" "E58 image: payload SHA-256 mismatch after the copy to 0x24000000: flash offset 0x00100000 is corrupted" ;;
*)
    echo "unknown case $case_name"
    exit 2 ;;
esac
