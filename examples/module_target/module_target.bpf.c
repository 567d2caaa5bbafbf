// kprobe on pfkey_create, a function of the af_key module (net/key), not of vmlinux: the
// attach meets it only when the module is loaded. bpfcompat finds the module that defines a
// kprobe/fentry target in the kernel package and loads it in the guest, so this passes on every
// kernel; without that it would fail as a missing target.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

__u64 pfkey_sockets = 0;

SEC("kprobe/pfkey_create")
int count_pfkey_sockets(struct pt_regs *ctx)
{
	__sync_fetch_and_add(&pfkey_sockets, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
