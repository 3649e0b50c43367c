#!/bin/sh
# Rebuilds fixture.elf from fixture.c with Debian's Xtensa cross compiler
# (apt-get install gcc-xtensa-lx106 binutils-xtensa-lx106) and records what GNU
# addr2line says about every address in addresses.txt. The build is reproducible:
# it runs in this directory and maps it to "." in the debug info.
# Sections are placed where an ESP32 has them (flash code 0x400d…, IRAM 0x4008…,
# rodata 0x3f4…, DRAM 0x3ffb…).
# Usage: build.sh [OUTPUT_DIR]   (default: next to this script)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "${1:-$here}"
out=$(cd "${1:-$here}" && pwd)
cd "$here"
xtensa-lx106-elf-gcc -g -O1 -mtext-section-literals -nostdlib -Wl,--build-id=none -Wl,-e,_start \
    -Wl,-Ttext=0x400d0020 -Wl,--section-start=.iram1.text=0x40080400 \
    -Wl,--section-start=.rodata=0x3f400020 -Wl,-Tdata=0x3ffb0000 \
    -ffile-prefix-map="$here"=. -o "$out/fixture.elf" fixture.c
xtensa-lx106-elf-addr2line -f -a -e "$out/fixture.elf" $(grep -v '^#' addresses.txt) > "$out/addr2line.txt"
