#!/usr/bin/env bash
# Suite benchmark: `bpfcompat suite` with ten shipped objects on the default matrix (every case
# shares one boot per kernel) against the bare-boot floor of the same kernels (bench/lib.sh),
# alternated in the same session. Target (issue "Step 3"): ratio <= 1.6.
# Usage: bench/suite.sh [BUILD_DIR] [ROUNDS]   (results go in docs/performance.md by hand)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
rounds=${2:-3}
bin=$build/bpfcompat
jobs=${BPFCOMPAT_BENCH_JOBS:-$(nproc)}
work=$(mktemp -d /tmp/bpfcompat-suite-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
. bench/lib.sh

objects=(tracepoint_basic ringbuf bpf_loop fentry_existing tp_btf core_field_present xdp_pass
         cgroup_skb socket_filter raw_tp)
{
  echo "name: ten-objects"
  echo "cases:"
  for o in "${objects[@]}"; do
    printf '  - name: %s\n    artifact: %s/examples/%s.bpf.o\n' "${o//_/-}" "$build" "$o"
  done
} > "$work/suite.yaml"
floor_initramfs "$work"

echo "warm-up run (fills the kernel cache if needed)..."
"$bin" suite -q --suite "$work/suite.yaml" --workdir "$work/warm" --jobs "$jobs" >/dev/null || true
floor_commands "$work" "$work/warm" > "$work/floor-cmds.txt"
kernels=$(wc -l < "$work/floor-cmds.txt")

: > "$work/tool.txt"; : > "$work/floor.txt"
for r in $(seq "$rounds"); do
  t0=$(now)
  "$bin" suite -q --suite "$work/suite.yaml" --workdir "$work/run$r" --jobs "$jobs" >/dev/null || true
  t1=$(now)
  run_floor "$jobs" "$work/floor-cmds.txt"
  t2=$(now)
  boots=$(ls "$work"/run$r/runs/*/*/qemu-cmdline.txt | wc -l)
  echo "$t1 - $t0" | bc -l >> "$work/tool.txt"
  echo "$t2 - $t1" | bc -l >> "$work/floor.txt"
  printf 'round %d: bpfcompat suite %.2f s (%d boots), bare-boot floor %.2f s\n' "$r" \
    "$(tail -1 "$work/tool.txt")" "$boots" "$(tail -1 "$work/floor.txt")"
done
tool=$(median < "$work/tool.txt")
floor=$(median < "$work/floor.txt")
printf 'kernels: %d, cases: %d, jobs: %d\n' "$kernels" "${#objects[@]}" "$jobs"
printf 'median bpfcompat suite: %.2f s\nmedian bare-boot floor: %.2f s\nratio: %.2f (target <= 1.6)\n' \
  "$tool" "$floor" "$(echo "$tool / $floor" | bc -l)"
