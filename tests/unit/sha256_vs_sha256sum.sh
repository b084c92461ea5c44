#!/bin/sh
# Compares sha256_file (our SHA-256) with the host's sha256sum on generated files whose
# sizes sit around the padding boundaries (55/56/63/64/65 bytes) and on a large one.
# usage: sha256_vs_sha256sum.sh SHA256_FILE_EXE WORKDIR
set -eu
exe=$1
dir=$2
mkdir -p "$dir"
fails=0
for size in 0 1 55 56 57 63 64 65 119 120 128 4093 4096 1000003; do
    f="$dir/sha256-input-$size.bin"
    # Deterministic, non-repeating bytes: the decimal numbers 1, 2, 3, ... cut to size.
    seq 1 300000 | head -c "$size" >"$f"
    got=$("$exe" "$f")
    want=$(sha256sum "$f" | cut -d' ' -f1)
    if [ "$got" != "$want" ]; then
        echo "size $size: sha256_file $got, sha256sum $want"
        fails=$((fails + 1))
    fi
done
[ "$fails" -eq 0 ] || { echo "$fails sizes differ"; exit 1; }
echo "all sizes match sha256sum"
