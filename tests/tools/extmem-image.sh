#!/bin/sh
# CTest cases for tools/extmem-image: pack (raw binary, ELF linked for RAM, XiP ELF),
# inspect, verify, and rejection of corrupted, truncated and malformed input.
# usage: extmem-image.sh CASE TOOL WORKDIR   (exit 77 = skipped: no arm-none-eabi-gcc)
set -eu
case_name=$1
tool=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work"

fail() { echo "FAIL [$case_name]: $*"; exit 1; }

# run_ok CMD...: must exit 0 with nothing on stderr.
run_ok() {
    if ! "$@" >out.txt 2>err.txt; then
        cat out.txt err.txt; fail "expected success: $*"
    fi
    [ ! -s err.txt ] || { cat err.txt; fail "stderr not empty: $*"; }
}

# run_fail STATUS MESSAGE CMD...: must exit STATUS with exactly one stderr line
# "extmem-image: ..." containing MESSAGE (a sanitizer report or crash would not match).
run_fail() {
    want_status=$1; want_msg=$2; shift 2
    set +e
    "$@" >out.txt 2>err.txt
    status=$?
    set -e
    [ "$status" -eq "$want_status" ] || { cat err.txt; fail "exit $status, want $want_status: $*"; }
    [ "$(wc -l <err.txt)" -eq 1 ] || { cat err.txt; fail "stderr is not one line: $*"; }
    grep -q '^extmem-image: ' err.txt || { cat err.txt; fail "stderr lacks the tool prefix: $*"; }
    grep -qF -- "$want_msg" err.txt || { cat err.txt; fail "stderr lacks '$want_msg': $*"; }
}

# expect_line FILE LINE: FILE has LINE exactly.
expect_line() {
    grep -qxF -- "$2" "$1" || { cat "$1"; fail "missing line '$2'"; }
}

# le32 VALUE: the 4 little-endian bytes of VALUE, as printf octal escapes.
le32() {
    v=$(($1))
    printf '\\%03o\\%03o\\%03o\\%03o' $((v & 255)) $(((v >> 8) & 255)) \
        $(((v >> 16) & 255)) $(((v >> 24) & 255))
}

# patch FILE OFFSET BYTES(printf format): overwrite in place.
patch() {
    # shellcheck disable=SC2059
    printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

# flip_byte FILE OFFSET: XOR 0x01 into one byte.
flip_byte() {
    b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
    patch "$1" "$2" "$(printf '\\%03o' $((b ^ 1)))"
}

# A raw binary: vector table (SP 0x24080000, reset 0x24000101) then 3000 bytes of data.
make_bin() {
    # shellcheck disable=SC2059
    printf "$(le32 0x24080000)$(le32 0x24000101)" >app.bin
    seq 1 1000 | head -c 3000 >>app.bin
}

# An ELF linked at ORIGIN, with .data in RAM loaded after .text (LMA != VMA).
make_elf() {
    origin=$1
    command -v arm-none-eabi-gcc >/dev/null || { echo "no arm-none-eabi-gcc: skipped"; exit 77; }
    cat >app.c <<'SRC'
extern unsigned long __stack_top;
void reset_handler(void);
int counter = 5;
const char banner[] = "extmem-image test application";
void reset_handler(void)
{
	for (;;)
		counter += banner[counter & 15];
}
__attribute__((section(".vectors"), used))
const void *const vectors[] = { &__stack_top, (const void *)reset_handler };
SRC
    cat >app.ld <<LD
MEMORY {
  CODE (rx) : ORIGIN = $origin, LENGTH = 1M
  RAM (rwx) : ORIGIN = 0x24000000 + 0x40000, LENGTH = 256K
}
__stack_top = ORIGIN(RAM) + LENGTH(RAM);
SECTIONS {
  .text : { KEEP(*(.vectors)) *(.text*) *(.rodata*) } > CODE
  .data : { *(.data*) } > RAM AT > CODE
  .bss : { *(.bss*) } > RAM
}
LD
    arm-none-eabi-gcc -mcpu=cortex-m7 -mthumb -Os -nostdlib -nostartfiles -T app.ld \
        -o app.elf app.c
    arm-none-eabi-objcopy -O binary app.elf app.objcopy.bin
    reset=$(arm-none-eabi-nm app.elf | awk '$3 == "reset_handler" { print $1 }')
    entry=$(printf '0x%08x' $((0x$reset | 1)))
}

# payload_of IMAGE OUT: the bytes after the 1 KiB header.
payload_of() { tail -c +1025 "$1" >"$2"; }

case "$case_name" in
pack-bin)
    make_bin
    run_ok "$tool" pack --load 0x24000000 --version 1.2.3 -o app.img app.bin
    [ "$(wc -c <app.img)" -eq $((1024 + $(wc -c <app.bin))) ] || fail "image size is not 1 KiB + payload"
    payload_of app.img p.bin
    cmp -s p.bin app.bin || fail "payload differs from the input binary"
    head -c 4 app.img | grep -q '^EXMB$' || fail "image does not start with the magic EXMB"
    run_ok "$tool" inspect app.img
    expect_line out.txt "initial_sp: 0x24080000"
    expect_line out.txt "entry: 0x24000101"
    expect_line out.txt "load_addr: 0x24000000"
    expect_line out.txt "version: 1.2.3 (0x01020003)"
    expect_line out.txt "flags: 0x00000000"
    expect_line out.txt "payload_sha256: $(sha256sum app.bin | cut -d' ' -f1)"
    run_ok "$tool" verify app.img
    ;;
pack-elf)
    make_elf 0x24000000
    run_ok "$tool" pack --version 0.1.0 -o app.img app.elf
    payload_of app.img p.bin
    cmp -s p.bin app.objcopy.bin || fail "ELF payload differs from objcopy -O binary"
    run_ok "$tool" inspect app.img
    expect_line out.txt "load_addr: 0x24000000"
    expect_line out.txt "entry: $entry"
    expect_line out.txt "initial_sp: 0x24080000"
    expect_line out.txt "image_size: 0x$(printf '%x' "$(wc -c <app.objcopy.bin)") ($(wc -c <app.objcopy.bin) bytes)"
    run_ok "$tool" verify app.img --code-base 0x24000000 --code-size 256K
    # --load given for an ELF must be the address it is linked for.
    run_fail 1 "differs from the ELF's lowest load address" \
        "$tool" pack --load 0x24000400 -o bad.img app.elf
    # Without section headers (e_shoff = e_shnum = 0) the segments are used: same payload here.
    cp app.elf stripped.elf; patch stripped.elf 32 "$(le32 0)"; patch stripped.elf 48 '\000\000'
    run_ok "$tool" pack --version 0.1.0 -o stripped.img stripped.elf
    cmp -s stripped.img app.img || fail "section-less ELF packs differently"
    ;;
pack-xip-elf)
    make_elf 0x90000400
    # ld puts the ELF headers into the first segment here (1 KiB free below the code):
    # they must not end up in the payload.
    run_ok "$tool" pack --xip --load 0x90000400 -o app.img app.elf
    payload_of app.img p.bin
    cmp -s p.bin app.objcopy.bin || fail "XiP ELF payload differs from objcopy -O binary"
    run_ok "$tool" inspect app.img
    expect_line out.txt "flags: 0x00000001 (xip)"
    expect_line out.txt "store_base: 0x90000000"
    expect_line out.txt "entry: $entry"
    run_ok "$tool" verify app.img --store-base 0x90000000 --code-base 0x90000000 --code-size 64M
    run_fail 1 "XiP image linked for another address" \
        "$tool" verify app.img --store-base 0x90010000
    # Storage base given instead of the payload address: the ELF is linked elsewhere.
    run_fail 1 "differs from the ELF's lowest load address" \
        "$tool" pack --xip --load 0x90000000 -o bad.img app.elf
    ;;
inspect)
    make_bin
    run_ok "$tool" pack --load 0x24000000 --version 255.255.65535 -o app.img app.bin
    run_ok "$tool" inspect app.img
    for field in magic header_version header_size image_size load_addr entry initial_sp \
                 vtor_offset version flags payload_sha256 header_crc header payload_sha256_check; do
        [ "$(grep -c "^$field: " out.txt)" -eq 1 ] || { cat out.txt; fail "field $field not printed once"; }
    done
    expect_line out.txt "magic: 0x424d5845"
    expect_line out.txt "header_version: 1"
    expect_line out.txt "header_size: 0x400"
    expect_line out.txt "vtor_offset: 0x0"
    expect_line out.txt "version: 255.255.65535 (0xffffffff)"
    expect_line out.txt "header: good"
    expect_line out.txt "payload_sha256_check: good"
    grep -q '^header_crc: 0x[0-9a-f]\{8\} (good)$' out.txt || fail "header CRC not reported good"
    ;;
verify)
    make_bin
    run_ok "$tool" pack --load 0x24000000 -o app.img app.bin
    run_ok "$tool" verify app.img
    grep -q '^app.img: ok (copy, load 0x24000000, 3008 bytes, entry 0x24000101' out.txt \
        || { cat out.txt; fail "verify did not report ok"; }
    run_ok "$tool" verify app.img --store-size 4032 --code-base 0x24000000 --code-size 512K \
        --boot-ram 0x20000000:128K
    ;;
placement-limits)
    make_bin
    run_ok "$tool" pack --load 0x24000000 -o app.img app.bin
    run_fail 1 "image larger than the store" "$tool" verify app.img --store-size 4031
    run_fail 1 "load range outside the code area" \
        "$tool" verify app.img --code-base 0x24000100 --code-size 1M
    run_fail 1 "load range overlaps the boot's RAM" \
        "$tool" verify app.img --boot-ram 0x20000000:128K --boot-ram 0x24000800:1K
    ;;
corrupt-payload)
    make_bin
    run_ok "$tool" pack --load 0x24000000 -o app.img app.bin
    flip_byte app.img 2000
    run_fail 1 "payload SHA-256 mismatch" "$tool" verify app.img
    run_fail 1 "payload SHA-256 mismatch" "$tool" inspect app.img
    expect_line out.txt "payload_sha256_check: BAD"
    ;;
corrupt-header)
    make_bin
    run_ok "$tool" pack --load 0x24000000 -o app.img app.bin
    cp app.img entry.img
    flip_byte entry.img 16 # entry field
    run_fail 1 "header CRC mismatch" "$tool" verify entry.img
    run_fail 1 "header CRC mismatch" "$tool" inspect entry.img
    grep -q '^header_crc: 0x[0-9a-f]\{8\} (BAD, computed 0x[0-9a-f]\{8\})$' out.txt \
        || { cat out.txt; fail "inspect does not show the bad CRC"; }
    cp app.img magic.img
    flip_byte magic.img 0
    run_fail 1 "bad magic: not an extmem image" "$tool" verify magic.img
    run_fail 1 "bad magic: not an extmem image" "$tool" inspect magic.img
    ;;
truncated)
    make_bin
    run_ok "$tool" pack --load 0x24000000 -o app.img app.bin
    head -c 4000 app.img >short.img
    run_fail 1 "truncated" "$tool" verify short.img
    run_fail 1 "truncated" "$tool" inspect short.img
    head -c 100 app.img >hdr.img
    run_fail 1 "truncated" "$tool" verify hdr.img
    head -c 2 app.img >tiny.img
    run_fail 1 "truncated" "$tool" inspect tiny.img
    : >empty.img
    run_fail 1 "truncated" "$tool" verify empty.img
    run_fail 1 "empty input" "$tool" pack --load 0x24000000 -o x.img empty.img
    ;;
bad-input)
    make_elf 0x24000000
    run_fail 1 "cannot open" "$tool" inspect does-not-exist.img
    run_fail 1 "not a regular file" "$tool" verify /dev/null
    run_fail 1 "not a regular file" "$tool" pack --load 0 -o x.img .
    head -c 40 app.elf >t.elf
    run_fail 1 "truncated ELF header" "$tool" pack -o x.img t.elf
    head -c 200 app.elf >s.elf
    run_fail 1 "past the end of the file" "$tool" pack -o x.img s.elf
    cp app.elf phoff.elf; patch phoff.elf 28 "$(le32 0xFFFFFFF0)"
    run_fail 1 "program headers past the end" "$tool" pack -o x.img phoff.elf
    cp app.elf phnum.elf; patch phnum.elf 44 '\377\377'
    run_fail 1 "no program headers" "$tool" pack -o x.img phnum.elf
    cp app.elf phent.elf; patch phent.elf 42 '\020\000'
    run_fail 1 "bad ELF program header size" "$tool" pack -o x.img phent.elf
    cp app.elf phmany.elf; patch phmany.elf 44 '\000\020'
    run_fail 1 "program headers (limit 256)" "$tool" pack -o x.img phmany.elf
    shoff=$(od -An -tu4 -j 32 -N4 app.elf | tr -d ' ')
    cp app.elf shoff.elf; patch shoff.elf 32 "$(le32 0x7FFFFFF0)"
    run_fail 1 "section headers past the end" "$tool" pack -o x.img shoff.elf
    cp app.elf shent.elf; patch shent.elf 46 '\020\000'
    run_fail 1 "bad ELF section header size" "$tool" pack -o x.img shent.elf
    [ "$shoff" -gt 0 ] || fail "test ELF has no section headers"
    cp app.elf mach.elf; patch mach.elf 18 '\076\000'
    run_fail 1 "not an ARM ELF" "$tool" pack -o x.img mach.elf
    cp app.elf class.elf; patch class.elf 4 '\002'
    run_fail 1 "not a 32-bit ELF" "$tool" pack -o x.img class.elf
    cp app.elf rel.elf; patch rel.elf 16 '\001\000'
    run_fail 1 "not an executable ELF" "$tool" pack -o x.img rel.elf
    # First segment moved to 3 GiB below the second: an absurd span is refused, not allocated.
    phoff=$(od -An -tu4 -j 28 -N4 app.elf | tr -d ' ')
    cp app.elf span.elf; patch span.elf $((phoff + 12)) "$(le32 0x00001000)"
    run_fail 1 "segments far apart" "$tool" pack -o x.img span.elf
    # A segment reaching past 4 GiB.
    cp app.elf wrap.elf; patch wrap.elf $((phoff + 12)) "$(le32 0xFFFFFFF0)"
    run_fail 1 "extends past 4 GiB" "$tool" pack -o x.img wrap.elf
    # Vector table that the boot would refuse: reset without the Thumb bit.
    # shellcheck disable=SC2059
    printf "$(le32 0x24080000)$(le32 0x24000100)" >nothumb.bin; head -c 512 /dev/zero >>nothumb.bin
    run_fail 1 "entry point without the Thumb bit" "$tool" pack --load 0x24000000 -o x.img nothumb.bin
    [ ! -e x.img ] || fail "a rejected pack left an output file"
    # Garbage of many sizes through every command: one clean error line each, never a crash.
    for n in 1 3 4 51 52 53 127 128 129 1024 1151 1152 5000; do
        seq 7 9999 | head -c "$n" >g.bin
        patch g.bin 0 'EXMB' 2>/dev/null || true
        head -c "$n" g.bin >garbage.bin
        run_fail 1 "" "$tool" verify garbage.bin
        run_fail 1 "" "$tool" inspect garbage.bin
        { printf '\177ELF'; seq 1 2000; } | head -c "$n" >garbage.elf
        set +e; "$tool" pack -o x.img garbage.elf >out.txt 2>err.txt; status=$?; set -e
        [ "$status" -eq 1 ] || [ "$status" -eq 2 ] || fail "pack of garbage exit $status"
        [ "$(wc -l <err.txt)" -eq 1 ] || { cat err.txt; fail "pack of garbage: not one line"; }
    done
    ;;
usage)
    run_fail 2 "missing command" "$tool"
    run_fail 2 "unknown command" "$tool" frobnicate
    run_fail 2 "missing -o OUT" "$tool" pack in.bin
    run_fail 2 "missing input file" "$tool" pack -o out.img
    run_fail 2 "bad version" "$tool" pack --version 1.2 -o o in.bin
    run_fail 2 "bad version" "$tool" pack --version 256.0.0 -o o in.bin
    run_fail 2 "bad address" "$tool" pack --load 0x1ffffffff -o o in.bin
    run_fail 2 "missing value after" "$tool" pack -o
    run_fail 2 "unknown option" "$tool" pack --frob -o o in.bin
    run_fail 2 "go together" "$tool" verify x.img --code-base 0x90000000
    run_fail 2 "bad range" "$tool" verify x.img --boot-ram 0x20000000
    run_fail 2 "exactly one FILE" "$tool" inspect
    make_bin
    run_fail 2 "raw binary needs --load" "$tool" pack -o o.img app.bin
    run_ok "$tool" --help
    grep -q '^usage:' out.txt || fail "--help prints no usage"
    ;;
*)
    fail "unknown case"
    ;;
esac
echo "ok: $case_name"
