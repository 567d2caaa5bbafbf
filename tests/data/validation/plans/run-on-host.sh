#!/bin/sh
# Runs the case-plan examples of this folder with the validator on this machine (root and a
# BPF-capable kernel needed; nothing stays attached: each case's child exits). The plans name
# the test object as @CASE_FIXUPS_OBJ@; this substitutes <build>/tests/data/validation's.
# usage: run-on-host.sh BUILD_DIR > out.jsonl
set -eu
build=$(cd "${1:?usage: run-on-host.sh BUILD_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
obj="$build/tests/data/validation/case_fixups.bpf.o"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for plan in "$here"/*.plan; do
  sed "s|@CASE_FIXUPS_OBJ@|$obj|g" "$plan" >"$tmp/$(basename "$plan")"
done
"$build/validator/bpfcompat-validator" \
  --case "$tmp/fixups-behavior.plan" \
  --case "$tmp/behavior-load-fails.plan" \
  --case "$tmp/command-exit.plan" \
  --case "$tmp/command-timeout.plan" \
  --case "$tmp/unknown-record.plan" \
  --case "$tmp/no-such.plan" \
  plain="$obj"
