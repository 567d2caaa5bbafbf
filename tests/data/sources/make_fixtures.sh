#!/bin/sh
# Regenerates the binary fixtures of the sources unit tests (run from this directory):
#   modules/9.9.9-test/...   tiny ELF "modules" whose .modinfo carries depends= (some .xz/.zst/.gz),
#                            some defining functions (.symtab), and the kernel's System.map
#   kernel-boot_1.0-1_amd64.deb    boot/vmlinuz-9.9.9-test + usr/lib/modules/9.9.9-test/..., data.tar.xz
#   kernel-split_1.0-1_amd64.deb   usr/lib/modules/9.9.9-test/vmlinuz (Debian 14 layout), data.tar.zst
# The vmlinuz files are synthetic bzImage setup headers, not kernels.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# module NAME DEPENDS OUTPUT [GLOBAL_FUNCTION [STATIC_FUNCTION]]
module() {
  printf 'license=GPL\000depends=%s\000name=%s\000' "$2" "$1" > "$work/modinfo"
  : > "$work/funcs.s"
  if [ -n "${4:-}" ]; then
    printf '.text\n.globl %s\n.type %s,@function\n%s: ret\n' "$4" "$4" "$4" >> "$work/funcs.s"
  fi
  if [ -n "${5:-}" ]; then
    printf '.text\n.type %s,@function\n%s: ret\n' "$5" "$5" >> "$work/funcs.s"
  fi
  as -o "$work/empty.o" "$work/funcs.s"
  objcopy --add-section .modinfo="$work/modinfo" --set-section-flags .modinfo=alloc,readonly \
    "$work/empty.o" "$3"
  if [ -z "${4:-}" ]; then strip --strip-all --keep-section=.modinfo "$3" 2>/dev/null || true; fi
}

# vmlinuz RELEASE OUTPUT: a setup header whose kernel_version points at "RELEASE (test) #1"
vmlinuz() {
  python3 - "$1" "$2" <<'PY'
import struct, sys
rel, out = sys.argv[1], sys.argv[2]
buf = bytearray(0x1000)
buf[0x1FE:0x200] = b'\x55\xaa'
buf[0x202:0x206] = b'HdrS'
struct.pack_into('<H', buf, 0x20E, 0x800 - 0x200)
s = (rel + ' (test@example) #1 SMP').encode() + b'\0'
buf[0x800:0x800 + len(s)] = s
open(out, 'wb').write(buf)
PY
}

rm -rf modules && m=modules/9.9.9-test/kernel
mkdir -p "$m/net/sched" "$m/lib"
module cls_bpf "" "$m/net/sched/cls_bpf.ko"
module sch_ingress "" "$work/sch_ingress.ko" && xz -c "$work/sch_ingress.ko" > "$m/net/sched/sch_ingress.ko.xz"
module a_mod "b_mod,c_mod" "$work/a-mod.ko" a_mod_open a_mod_static_helper &&
  zstd -q -c "$work/a-mod.ko" > "$m/lib/a-mod.ko.zst"
module b_mod "c_mod" "$work/b_mod.ko" && xz -c "$work/b_mod.ko" > "$m/lib/b_mod.ko.xz"
module c_mod "" "$m/lib/c-mod.ko" shared_with_vmlinux
module d_mod "b_mod" "$work/d-mod.ko" d_mod_probe && gzip -n -c "$work/d-mod.ko" > "$m/lib/d-mod.ko.gz"
# vmlinux's text symbols: shared_with_vmlinux is in vmlinux too (vmlinux wins)
printf 'ffffffff81000000 T _stext\nffffffff81000100 t shared_with_vmlinux\nffffffff81000200 T vfs_read\n' \
  > modules/9.9.9-test/System.map

pkg() {  # pkg NAME LAYOUT COMPRESSION
  root="$work/$1"
  mkdir -p "$root/DEBIAN" "$root/usr/lib/modules/9.9.9-test/kernel/net/sched" "$root/usr/share/doc/$1"
  printf 'Package: %s\nVersion: 1.0-1\nArchitecture: amd64\nMaintainer: test <t@example>\nDescription: test\n' "$1" > "$root/DEBIAN/control"
  if [ "$2" = boot ]; then
    mkdir -p "$root/boot"
    vmlinuz 9.9.9-test "$root/boot/vmlinuz-9.9.9-test"
    echo 'CONFIG_BPF=y' > "$root/boot/config-9.9.9-test"
  else
    vmlinuz 9.9.9-test "$root/usr/lib/modules/9.9.9-test/vmlinuz"
  fi
  cp "$m/net/sched/sch_ingress.ko.xz" "$root/usr/lib/modules/9.9.9-test/kernel/net/sched/"
  echo 'not extracted' > "$root/usr/share/doc/$1/copyright"
  dpkg-deb --root-owner-group -Z"$3" --build "$root" "${1}_1.0-1_amd64.deb" >/dev/null
}
pkg kernel-boot boot xz
pkg kernel-split split zstd
