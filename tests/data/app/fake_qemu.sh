#!/bin/sh
# Stands in for qemu-system-x86_64 (BPFCOMPAT_QEMU) in CLI tests of the orchestrator: no guest,
# canned results. The scenario is a word in the kernel command line (the profile's
# kernel_cmdline): fake=panic — every boot panics while validating (console says so, no end
# record); fake=flaky — the first boot panics, the second reports ringbuf.bpf.o as passing.
. "$(dirname "$0")/../fake_qemu_argv.sh"
: > "$console"; : > "$results"
hello='{"type":"hello","protocol":1,"validator":"0.1.0","libbpf":"1.4.6","kernel":{"release":"6.1.0-fake","version":"#1","machine":"x86_64"},"btf_vmlinux":true,"lockdown":"none","unprivileged_bpf_disabled":2,"lsm":"","bpf_lsm_active":false,"modules":[],"uptime_ms":100}'
panic() {
  printf '%s\n' "$hello" >> "$results"
  printf '[    1.0] BUG: kernel NULL pointer dereference, address: 0000000000000000\n' >> "$console"
  printf '[    1.1] Kernel panic - not syncing: Fatal exception\n' >> "$console"
  exit 0
}
case "$append" in
  *fake=panic*) panic ;;
  *fake=flaky*)
    case "$console" in
      *attempt2*) ;;
      *) panic ;;
    esac
    printf '%s\n' "$hello" >> "$results"
    printf '{"type":"artifact","name":"ringbuf.bpf.o","path":"/bpfcompat/a/0.o","status":"done","duration_ms":5,"open":{"ok":true,"errno":0,"log":""},"btf":true,"btf_ext":true,"maps":[],"kfuncs":[],"programs":[{"name":"p","section":"tp/sched/sched_switch","type":5,"type_name":"tracepoint","expected_attach_type":0,"attach_type_name":"","prog_type_supported":true,"helpers":[],"load":{"ok":true,"errno":0,"insns_processed":3,"verifier_tail":"","libbpf_tail":""},"attach":{"status":"ok","method":"auto","errno":0,"reason":"","libbpf_tail":""}}],"object_load":{"ok":true,"errno":0,"libbpf_tail":""}}\n' >> "$results"
    printf '{"type":"end","artifacts":1,"duration_ms":5}\n' >> "$results"
    sleep 30 ;;
esac
exit 3
