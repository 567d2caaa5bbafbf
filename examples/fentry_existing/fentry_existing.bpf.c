// fentry (BPF trampoline, 5.5) on vfs_read, whose name and prototype are unchanged from 5.10 to
// 7.x: passes on every kernel.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

__u64 bytes_requested = 0;

SEC("fentry/vfs_read")
int BPF_PROG(on_vfs_read, struct file *file, char *buf, __u64 count)
{
	__sync_fetch_and_add(&bytes_requested, count);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
