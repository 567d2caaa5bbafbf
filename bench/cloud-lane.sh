#!/usr/bin/env bash
# Cloud-image-lane benchmark: bpfcompat's time for one cloud-image target (the debootstrap
# fixture, one artifact) against the fixture's bare boot to an SSH login with the same QEMU
# options: overlay + seed (made with qemu-img and xorriso), QEMU, `ssh ... true` with the
# injected key and pinned host key, then QEMU is killed — alternated in the same session.
# Prints each round, the medians and the ratio (target: ratio <= 1.15).
# Usage: bench/cloud-lane.sh [BUILD_DIR] [ROUNDS]   (results go in docs/performance.md by hand)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
rounds=${2:-3}
bin=$build/bpfcompat
artifact=$build/examples/ringbuf.bpf.o
work=$(mktemp -d /tmp/bpfcompat-cloud-bench.XXXXXX)
qpid=
trap '[ -z "$qpid" ] || kill "$qpid" 2>/dev/null || true; rm -rf "$work"' EXIT

image=$(tests/fixtures/build-cloud-image | tail -n1)
cpus=${BPFCOMPAT_BENCH_CPUS:-1}
mem=${BPFCOMPAT_BENCH_MEMORY_MB:-512}

cat >"$work/matrix.yaml" <<YAML
profiles:
  - id: fixture
    lane: cloud-image
    distro: debian
    image: {path: $image, format: qcow2}
    memory_mb: $mem
    cpus: $cpus
YAML

. bench/lib.sh

run_bpfcompat() {
  local t0 t1
  t0=$(now)
  "$bin" test -q --accel tcg --matrix "$work/matrix.yaml" --artifact "$artifact" \
    --workdir "$work/runs" --out "$work/report.json" >/dev/null || true
  t1=$(now)
  python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["targets"][0]; sys.exit(t["status"]!="pass")' \
    "$work/report.json" || { echo "bpfcompat run did not pass" >&2; exit 1; }
  echo "$t1 - $t0" | bc
}

run_bare() {
  local d=$work/bare t0 t1 port
  rm -rf "$d"; mkdir -p "$d/seed"
  t0=$(now)
  ssh-keygen -q -t ed25519 -N '' -C bench -f "$d/id"
  ssh-keygen -q -t ed25519 -N '' -C bench-host -f "$d/hostkey"
  printf 'instance-id: bench-%s\nlocal-hostname: bench\n' "$RANDOM" >"$d/seed/meta-data"
  {
    echo '#cloud-config'
    echo 'users:'
    echo '  - name: debian'
    echo '    sudo: "ALL=(ALL) NOPASSWD:ALL"'
    echo '    shell: /bin/bash'
    echo '    lock_passwd: true'
    echo '    ssh_authorized_keys:'
    echo "      - $(cat "$d/id.pub")"
    echo 'ssh_deletekeys: true'
    echo 'ssh_genkeytypes: []'
    echo 'ssh_keys:'
    echo '  ed25519_private: |'
    sed 's/^/    /' "$d/hostkey"
    echo "  ed25519_public: $(cat "$d/hostkey.pub")"
    echo 'package_update: false'
    echo 'growpart: {mode: "off"}'
    echo 'resize_rootfs: false'
  } >"$d/seed/user-data"
  xorriso -as mkisofs -quiet -V cidata -J -r -o "$d/seed.iso" "$d/seed/user-data" "$d/seed/meta-data" 2>/dev/null
  qemu-img create -q -f qcow2 -F qcow2 -b "$image" "$d/overlay.qcow2"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$d/hostkey.pub")" >"$d/known_hosts"
  qemu-system-x86_64 -accel tcg,tb-size=64 -cpu max -M pc -m "$mem" -smp "$cpus" -nodefaults \
    -no-user-config -display none -monitor none -no-reboot \
    -drive "file=$d/overlay.qcow2,if=virtio,format=qcow2,cache=unsafe" \
    -drive "file=$d/seed.iso,if=virtio,format=raw,readonly=on" \
    -netdev "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:$port-:22" \
    -device virtio-net-pci,netdev=n0 -serial "file:$d/serial.log" >"$d/qemu.log" 2>&1 &
  qpid=$!
  until ssh -q -o BatchMode=yes -o ConnectTimeout=5 -o UserKnownHostsFile="$d/known_hosts" \
      -o StrictHostKeyChecking=yes -i "$d/id" -p "$port" debian@127.0.0.1 true 2>/dev/null; do
    kill -0 "$qpid" 2>/dev/null || { echo "bare QEMU died" >&2; exit 1; }
    sleep 0.5
  done
  kill "$qpid"; wait "$qpid" 2>/dev/null || true; qpid=
  t1=$(now)
  echo "$t1 - $t0" | bc
}

ours=() bare=()
for i in $(seq "$rounds"); do
  a=$(run_bpfcompat); b=$(run_bare)
  ours+=("$a") bare+=("$b")
  printf 'round %d: bpfcompat %.1f s, bare boot-to-ssh %.1f s\n' "$i" "$a" "$b"
done
mo=$(printf '%s\n' "${ours[@]}" | median)
mb=$(printf '%s\n' "${bare[@]}" | median)
printf 'median: bpfcompat %.1f s, bare %.1f s, ratio %.2f (cpus=%s, memory=%s MiB, TCG)\n' \
  "$mo" "$mb" "$(echo "$mo / $mb" | bc -l)" "$cpus" "$mem"
