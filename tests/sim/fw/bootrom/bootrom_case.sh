#!/bin/sh
# One BootROM scenario (H743I-EVAL by default; another board through the environment:
# BOOTROM_BOARD, BOOTROM_SD_CELL, BOOTROM_NOR_CELL, BOOTROM_CODE = the code area's base,
# BOOTROM_BOOT_RAM = the boot's RAM as "0x20000000\+64 KiB", BOOTROM_RED = the error LED's
# pin and name as the simulator logs it, BOOTROM_LED_PIN = that pin alone, BOOTROM_IWDG = the
# watchdog's name in the log): builds the medium (SD-card image or SPI-NOR image)
# from the packed application with the host tools, boots it in the simulator and checks the
# log with tests/e2e/expect.sh. Bad inputs must end in their error line, the error code on
# the LED, and never a jump.
#   bootrom_case.sh CASE FW_DIR TOOLS_DIR WORK_DIR      (env SIM = simulator)
set -eu
case_name=$1 fw=$2 tools=$3 work=$4
here=$(cd "$(dirname "$0")" && pwd)
expect=$here/../../../e2e/expect.sh
B=${BOOTROM_BOARD:-stm32h743i-eval}
sd_cell=${BOOTROM_SD_CELL:-$fw/bootrom-sd-$B}
nor_cell=${BOOTROM_NOR_CELL:-$fw/bootrom-spinor-$B}
code=${BOOTROM_CODE:-0x24000000}
boot_ram=${BOOTROM_BOOT_RAM:-0x20000000\\+128 KiB}
red=${BOOTROM_RED:-PA4 = 0 \\(LED3 red on\\)}
led=${BOOTROM_LED_PIN:-PA4}
iwdg=${BOOTROM_IWDG:-IWDG1}
image=$tools/extmem-image
media=$tools/extmem-media
rm -rf "$work"
mkdir -p "$work"
cd "$work"

# Small FAT16 cards keep the runs short; the missing-file case uses FAT32 as most cards.
sdcard() { "$media" sdcard -o sd.img --fat 16 --size-mib 8 "$@" >/dev/null; }
spinor() { "$media" spinor -o nor.img --size 2M --offset 0x100000 "$1" >/dev/null; }
byte_at() { od -An -tu1 -j "$2" -N1 "$1" | tr -d ' '; }
put_byte() { printf "\\$(printf %03o "$3")" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null; }
flip_bit() { put_byte "$1" "$2" $(( $(byte_at "$1" "$2") ^ 1 )); }
# Header CRC-32 (bytes 0..0x7B) recomputed, from gzip's trailer (the same CRC-32).
fix_crc() { head -c 124 "$1" | gzip -c | tail -c 8 | head -c 4 > crc; dd if=crc of="$1" bs=1 seek=124 conv=notrunc 2>/dev/null; }
put_le32() { for i in 0 1 2 3; do put_byte "$1" $(( $2 + i )) $(( ($3 >> (8 * i)) & 255 )); done; }
# A valid header with one field forged (the tool refuses to pack such images), CRC fixed.
forged() { cp "$sd_cell/led.img" "$1"; f=$1; shift 2
    while [ $# -ge 2 ]; do put_le32 "$f" "$1" "$2"; shift 2; done; fix_crc "$f"; }
# A raw binary of SIZE bytes: the LED application padded with zeros.
padded() { head -c "$2" /dev/zero > pad; cat "$sd_cell/led.bin" pad | head -c "$2" > "$1"; }

SD="--board $B --boot $sd_cell/boot.bin --image sd=sd.img"
NOR="--board $B --boot $nor_cell/boot.bin --qspi nor.img"
blink_red="+gpio: $red"
fail() { # EXIT_RUN ARGS ERROR_LINE...
    args=$1 line=$2
    shift 2
    exec "$expect" 0 "$args --until-ms 100" "+uart1: $line" "$blink_red" "!\\[boot\\] jump" "!led:" "!Fault" "$@"
}

case "$case_name" in
sd-no-card)
    fail "--board $B --boot $sd_cell/boot.bin --set sd.card=absent" \
        "E60 sdcard: no card \\(no card answers at ACMD41 operating condition\\): insert a card" ;;
sd-unformatted)
    head -c 8388608 /dev/zero > sd.img
    fail "$SD" "E63 sdcard: no FAT volume \\(.*\\): format the card FAT12/16/32 and copy PROJECT.BIN" ;;
sd-file-missing)
    "$media" sdcard -o sd.img --fat 32 --size-mib 35 "$sd_cell/led.img=OTHER.BIN" >/dev/null
    fail "$SD" "E62 sdcard: file PROJECT.BIN not found in FAT32 volume: copy the packed application there" ;;
sd-empty-file)
    : > empty
    sdcard empty=PROJECT.BIN
    fail "$SD" "E64 sdcard: file PROJECT.BIN is empty \\(0 bytes\\)" ;;
sd-truncated-image)
    head -c 2000 "$sd_cell/led.img" > t.img
    sdcard t.img=PROJECT.BIN
    fail "$SD" "E55 image: truncated: header and payload need [0-9]+ bytes, file PROJECT.BIN holds 2000" ;;
sd-truncated-header)
    head -c 100 "$sd_cell/led.img" > t.img
    sdcard t.img=PROJECT.BIN
    fail "$SD" "E55 image: truncated: file PROJECT.BIN holds 100 bytes, less than the 128-byte header" ;;
sd-payload-bit-flip)
    cp "$sd_cell/led.img" f.img
    flip_bit f.img 1124
    sdcard f.img=PROJECT.BIN
    fail "$SD" "E58 image: payload SHA-256 mismatch after the copy to $code: file PROJECT.BIN is corrupted" ;;
sd-header-bit-flip)
    cp "$sd_cell/led.img" f.img
    flip_bit f.img 16
    sdcard f.img=PROJECT.BIN
    fail "$SD" "E53 image: header CRC mismatch in file PROJECT.BIN" "!\\[boot\\] copy" ;;
sd-wrong-magic)
    cp "$sd_cell/led.img" f.img
    put_byte f.img 0 0x41
    sdcard f.img=PROJECT.BIN
    fail "$SD" "E52 image: file PROJECT.BIN holds no extmem image \\(bad magic\\): pack the application" ;;
sd-header-version-2)
    cp "$sd_cell/led.img" f.img
    put_byte f.img 4 2
    fix_crc f.img
    sdcard f.img=PROJECT.BIN
    fail "$SD" "E54 image: unsupported header version in file PROJECT.BIN \\(this boot reads header version 1\\)" ;;
sd-image-larger-than-code-area)
    padded big.bin 300000
    "$image" pack --load 0x24000000 -o big.img big.bin
    sdcard big.img=PROJECT.BIN
    fail "$SD" "E56 image: payload of 300000 bytes is larger than the 256 KiB internal SRAM code area" "!\\[boot\\] copy" ;;
sd-load-address-outside-code-area)
    forged o.img o.img 12 0x30000000 16 0x30000309
    sdcard o.img=PROJECT.BIN
    fail "$SD" "E56 image: load range 0x30000000\\+[0-9]+ is outside the code area 0x24000000\\+256 KiB" "!\\[boot\\] copy" ;;
sd-load-address-over-boot-ram)
    forged o.img o.img 12 0x20000000 16 0x20000309
    sdcard o.img=PROJECT.BIN
    fail "$SD" "E56 image: load range 0x20000000\\+[0-9]+ overlaps the boot's RAM $boot_ram" "!\\[boot\\] copy" ;;
sd-entry-outside-image)
    # entry 0x24070001: inside the code area, outside the 4 KiB image
    forged e.img e.img 16 0x24070001
    sdcard e.img=PROJECT.BIN
    fail "$SD" "E57 image: entry 0x24070001 is not a Thumb address inside the image 0x24000000\\+[0-9]+" "!\\[boot\\] copy" ;;
sd-raw-binary-refused)
    sdcard "$sd_cell/led.bin=PROJECT.BIN"
    fail "$SD" "E52 image: file PROJECT.BIN holds no extmem image" ;;
sd-data-crc-error)
    sdcard "$sd_cell/led.img=PROJECT.BIN"
    # reads: boot sector, FAT, root directory, then the file: the 4th carries the bad CRC
    fail "$SD --set sd.crc-error-read=4" "E65 sdcard: read of [0-9]+ bytes at offset [0-9]+ of file PROJECT.BIN failed \\(data CRC error\\)" ;;
spinor-erased)
    : > nor.img
    fail "$NOR" "E71 spinor: flash erased at offset 0x100000 \\(reads FF\\): program the packed image there" ;;
spinor-wrong-magic)
    spinor "$nor_cell/led.bin"
    fail "$NOR" "E52 image: flash offset 0x00100000 holds no extmem image \\(bad magic\\)" ;;
spinor-payload-bit-flip)
    cp "$nor_cell/led.img" f.img
    flip_bit f.img 2000
    spinor f.img
    fail "$NOR" "E58 image: payload SHA-256 mismatch after the copy to $code: flash offset 0x00100000 is corrupted" ;;
xip-header-payload-bit-flip)
    cp "$fw/demo/test/led-xip-header.img" x.img
    flip_bit x.img 1500
    fail "--board $B --boot $fw/demo/boot.bin --qspi x.img" \
        "E58 image: payload SHA-256 mismatch in place at 0x90000400: the QSPI flash content is corrupted" ;;
sd-error-blinks-code-then-watchdog-resets)
    # E60: 6 long pulses, 0 short, twice; then the core waits and the IWDG resets the chip.
    exec "$expect" 0 "--board $B --boot $sd_cell/boot.bin --set sd.card=absent --until-ms 20000" \
        "+uart1: E60 sdcard" \
        "+gpio: $led = 0" "+gpio: $led = 1" "+gpio: $led = 0" "+gpio: $led = 1" "+gpio: $led = 0" "+gpio: $led = 1" \
        "+gpio: $led = 0" "+gpio: $led = 1" "+gpio: $led = 0" "+gpio: $led = 1" "+gpio: $led = 0" "+gpio: $led = 1" \
        "+sim: $iwdg: watchdog reset: counter reached 0 \\(2000 ms without refresh" "!jump" ;;
*)
    echo "unknown case $case_name"
    exit 2 ;;
esac
