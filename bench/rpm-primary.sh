#!/usr/bin/env bash
# The rpm primary metadata at Fedora scale: a synthetic primary.xml.zst of N packages (default
# 60000; Fedora's `updates` holds about that many) read by sources::read_primary as the rpm
# resolver reads it — the XML through libsolv, then libsolv's .solv copy the resolver keeps in the
# cache (rpm-primary/<sha256>/primary.solv). Builds a small harness against BUILD_DIR's libraries.
# Usage: bench/rpm-primary.sh [BUILD_DIR] [N]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
n=${2:-60000}
work=$(mktemp -d /tmp/bpfcompat-rpm-primary.XXXXXX)
trap 'rm -rf "$work"' EXIT
cmake --build "$build" --target bpfcompat_sources >/dev/null
python3 - "$n" "$work/primary.xml" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<metadata xmlns="http://linux.duke.edu/'
              'metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="%d">\n' % n)
    for i in range(n):
        name = "kernel-core" if i % 100 == 0 else "pkg%d" % i
        rel = "%d.el9" % i
        deps = "".join('<rpm:entry name="libdep%d.so.1()(64bit)"/>' % ((i * 7 + j) % 5000)
                       for j in range(12))
        out.write(
            f'<package type="rpm"><name>{name}</name><arch>x86_64</arch>'
            f'<version epoch="0" ver="5.14.0" rel="{rel}"/>'
            f'<checksum type="sha256" pkgid="YES">{i:064x}</checksum>'
            f'<summary>{name}</summary><description>The package {name}, described at the length '
            f'real descriptions have.</description><packager>b</packager><url>https://e/</url>'
            f'<time file="1700000000" build="1700000000"/>'
            f'<size package="123456" installed="456789" archive="460000"/>'
            f'<location href="Packages/{name}-5.14.0-{rel}.x86_64.rpm"/><format>'
            f'<rpm:license>GPL</rpm:license><rpm:sourcerpm>{name}.src.rpm</rpm:sourcerpm>'
            f'<rpm:provides><rpm:entry name="{name}" flags="EQ" epoch="0" ver="5.14.0" '
            f'rel="{rel}"/><rpm:entry name="lib{name}.so.1()(64bit)"/></rpm:provides>'
            f'<rpm:requires>{deps}</rpm:requires><file>/usr/bin/{name}</file></format></package>\n')
    out.write("</metadata>\n")
PY
zstd -q "$work/primary.xml" -o "$work/primary.xml.zst"
echo "primary: $n packages, $(du -h "$work/primary.xml.zst" | cut -f1) compressed"
libs=(-lsolvext -lsolv -lfmt -lspdlog -lz -llzma -lzstd -lbz2)
g++ -std=c++20 -O2 -Isrc/sources -Iinclude bench/rpm-primary/read_primary_bench.cpp \
  "$build/src/sources/libbpfcompat_sources.a" "$build/src/core/libbpfcompat_core.a" "${libs[@]}" \
  -o "$work/read_primary_bench"
"$work/read_primary_bench" "$work/primary.xml.zst" "$work/primary.solv"
