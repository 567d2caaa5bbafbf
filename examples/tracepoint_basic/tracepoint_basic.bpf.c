// Classic tracepoint (perf_event attach, BPF_PROG_TYPE_TRACEPOINT since 4.7): passes on every kernel.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

__u64 exec_count = 0;

SEC("tp/sched/sched_process_exec")
int count_exec(void *ctx)
{
	__sync_fetch_and_add(&exec_count, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
