// Raw tracepoint (raw_tp, 4.17) on sched_switch, not touching the arguments: passes everywhere.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

__u64 switches = 0;

SEC("raw_tp/sched_switch")
int count_switches(void *ctx)
{
	__sync_fetch_and_add(&switches, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
