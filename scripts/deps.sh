#!/bin/sh
# Installs the Debian packages the build and the tests need, only those missing.
# Uses sudo only when not root. Safe to run every time: it does nothing when all are present.
set -eu
PKGS="make cmake ninja-build gcc libc6-dev pkg-config gcc-arm-none-eabi libnewlib-arm-none-eabi \
libunicorn-dev libcmocka-dev mtools dosfstools gdb-multiarch clang"
[ "${EXTMEM_DEPS_EXTRA:-}" ] && PKGS="$PKGS $EXTMEM_DEPS_EXTRA"
missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
echo "deps: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
