# Sourced by the fake QEMU scripts (tests/data/{app,vm}/fake_qemu.sh): reads QEMU's argv as
# bpfcompat passes it into console (first -serial file), results (second -serial file) and
# append (-append).
console=""; results=""; append=""
while [ $# -gt 0 ]; do
  case "$1" in
    -serial)
      if [ -z "$console" ]; then console="${2#file:}"; else results="${2#file:}"; fi
      shift ;;
    -append) append="$2"; shift ;;
  esac
  shift
done
