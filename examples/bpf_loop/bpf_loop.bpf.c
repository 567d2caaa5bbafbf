// bpf_loop helper (5.17) with a callback subprogram: 5.10 knows neither the helper nor callback
// references (BPF_PSEUDO_FUNC, 5.13), so it fails there; passes on 6.1, 6.12 and 7.x.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

__u64 loop_sum = 0;

static long add_index(__u32 index, void *ctx)
{
	*(__u64 *)ctx += index;
	return 0; /* 0 = continue */
}

SEC("tp/sched/sched_process_exec")
int loop_on_exec(void *ctx)
{
	__u64 sum = 0;

	bpf_loop(16, add_index, &sum, 0);
	loop_sum = sum;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
