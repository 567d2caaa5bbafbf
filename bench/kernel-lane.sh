#!/usr/bin/env bash
# Kernel-lane benchmark: `bpfcompat test` with every shipped example on the default matrix
# (kernels already cached) against the bare-boot floor of the same kernels — the same QEMU
# command line with a trivial /init that powers off at once, as many VMs at a time as
# bpfcompat runs — measured alternately in the same session. Prints medians and the ratio.
# Usage: bench/kernel-lane.sh [BUILD_DIR] [ROUNDS]   (results go in docs/performance.md by hand)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
rounds=${2:-3}
bin=$build/bpfcompat
jobs=${BPFCOMPAT_BENCH_JOBS:-$(nproc)}
work=$(mktemp -d /tmp/bpfcompat-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

artifacts=()
for o in "$build"/examples/*.bpf.o; do artifacts+=(--artifact "$o"); done

. bench/lib.sh
floor_initramfs "$work"

echo "warm-up run (fills the kernel cache if needed)..."
"$bin" test -q "${artifacts[@]}" --workdir "$work/warm" --jobs "$jobs" >/dev/null || true

# The exact QEMU command lines bpfcompat used, with our trivial initramfs instead.
floor_commands "$work" "$work/warm" > "$work/floor-cmds.txt"
kernels=$(wc -l < "$work/floor-cmds.txt")

: > "$work/tool.txt"; : > "$work/floor.txt"
for r in $(seq "$rounds"); do
  t0=$(now)
  "$bin" test -q "${artifacts[@]}" --workdir "$work/run$r" --jobs "$jobs" >/dev/null || true
  t1=$(now)
  run_floor "$jobs" "$work/floor-cmds.txt"
  t2=$(now)
  echo "$t1 - $t0" | bc -l >> "$work/tool.txt"
  echo "$t2 - $t1" | bc -l >> "$work/floor.txt"
  printf 'round %d: bpfcompat %.2f s, bare-boot floor %.2f s\n' "$r" "$(tail -1 "$work/tool.txt")" "$(tail -1 "$work/floor.txt")"
done
tool=$(median < "$work/tool.txt")
floor=$(median < "$work/floor.txt")
printf 'kernels: %d, artifacts: %d, jobs: %d\n' "$kernels" $(( ${#artifacts[@]} / 2 )) "$jobs"
printf 'median bpfcompat test: %.2f s\nmedian bare-boot floor: %.2f s\nratio: %.2f (target <= 2.0, goal 1.3)\n' \
  "$tool" "$floor" "$(echo "$tool / $floor" | bc -l)"
