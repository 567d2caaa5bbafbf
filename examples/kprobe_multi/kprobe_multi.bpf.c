// kprobe.multi link (BPF_TRACE_KPROBE_MULTI, 5.18; needs CONFIG_FPROBE): loads everywhere, but the
// link fails on 5.10 (attach type unknown: EINVAL) and on Debian's 6.1 (CONFIG_FPROBE off:
// EOPNOTSUPP); attaches on 6.12 and 7.x. The glob only matches exported, stable VFS functions.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

__u64 read_calls = 0;

SEC("kprobe.multi/vfs_read*")
int count_vfs_reads(struct pt_regs *ctx)
{
	__sync_fetch_and_add(&read_calls, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
