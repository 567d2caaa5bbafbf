# Shared by the benchmark scripts (sourced): timing, medians, and the kernel lane's bare-boot
# floor (the QEMU command lines bpfcompat used, with a trivial /init that powers off at once).

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# floor_initramfs WORK: builds WORK/floor.cpio.gz whose /init powers off at once.
floor_initramfs() {
  local work=$1
  cat > "$work/init.c" <<'C'
#include <sys/reboot.h>
#include <unistd.h>
int main(void) { reboot(RB_POWER_OFF); for (;;) pause(); }
C
  gcc -static -O2 -o "$work/init" "$work/init.c"
  (cd "$work" && mkdir -p root/dev && cp init root/init && cd root && \
    printf 'init\ndev\n' | cpio -o -H newc --quiet | gzip -1 > "$work/floor.cpio.gz")
}

# floor_commands WORK RUNS_DIR: prints, one per line, the QEMU command lines of the runs under
# RUNS_DIR with the floor initramfs instead of bpfcompat's and the result channel to /dev/null.
floor_commands() {
  local work=$1 runs=$2 f found=0
  for f in "$runs"/runs/*/*/qemu-cmdline.txt; do
    [ -e "$f" ] || continue
    found=1
    sed -E "s#-initrd [^ ]+#-initrd $work/floor.cpio.gz#; s#file:[^ ]+#file:/dev/null#g" "$f"
  done
  [ "$found" = 1 ] || { echo "no qemu-cmdline.txt under $runs: did the warm-up run boot?" >&2; return 1; }
}

# run_floor JOBS CMDS_FILE: boots every floor command line, JOBS at a time.
run_floor() {
  xargs -d '\n' -P "$1" -I{} sh -c '{}' < "$2" >/dev/null 2>&1
}
