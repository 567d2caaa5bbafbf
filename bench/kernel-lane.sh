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

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# A trivial static /init: power off at once.
cat > "$work/init.c" <<'C'
#include <sys/reboot.h>
#include <unistd.h>
int main(void) { reboot(RB_POWER_OFF); for (;;) pause(); }
C
gcc -static -O2 -o "$work/init" "$work/init.c"
(cd "$work" && mkdir -p root/dev && cp init root/init && cd root && \
  printf 'init\ndev\n' | cpio -o -H newc --quiet | gzip -1 > "$work/floor.cpio.gz")

echo "warm-up run (fills the kernel cache if needed)..."
"$bin" test -q "${artifacts[@]}" --workdir "$work/warm" --jobs "$jobs" >/dev/null || true

# The exact QEMU command lines bpfcompat used, with our trivial initramfs instead.
floor_cmds=()
for f in "$work"/warm/runs/*/*/qemu-cmdline.txt; do
  cmd=$(sed -E "s#-initrd [^ ]+#-initrd $work/floor.cpio.gz#; s#file:[^ ]+#file:/dev/null#g" "$f")
  floor_cmds+=("$cmd")
done
[ ${#floor_cmds[@]} -gt 0 ] || { echo "no qemu-cmdline.txt found: did the warm-up run boot?" >&2; exit 1; }

: > "$work/tool.txt"; : > "$work/floor.txt"
for r in $(seq "$rounds"); do
  t0=$(now)
  "$bin" test -q "${artifacts[@]}" --workdir "$work/run$r" --jobs "$jobs" >/dev/null || true
  t1=$(now)
  printf '%s\n' "${floor_cmds[@]}" | xargs -d '\n' -P "$jobs" -I{} sh -c '{}' >/dev/null 2>&1
  t2=$(now)
  echo "$t1 - $t0" | bc -l >> "$work/tool.txt"
  echo "$t2 - $t1" | bc -l >> "$work/floor.txt"
  printf 'round %d: bpfcompat %.2f s, bare-boot floor %.2f s\n' "$r" "$(tail -1 "$work/tool.txt")" "$(tail -1 "$work/floor.txt")"
done
tool=$(median < "$work/tool.txt")
floor=$(median < "$work/floor.txt")
printf 'kernels: %d, artifacts: %d, jobs: %d\n' "${#floor_cmds[@]}" $(( ${#artifacts[@]} / 2 )) "$jobs"
printf 'median bpfcompat test: %.2f s\nmedian bare-boot floor: %.2f s\nratio: %.2f (target <= 2.0, goal 1.3)\n' \
  "$tool" "$floor" "$(echo "$tool / $floor" | bc -l)"
