// Open-coded numeric iterator (kfuncs bpf_iter_num_new/next/destroy, 6.4) via libbpf's bpf_for():
// fails on 5.10 and 6.1 (kfuncs absent from kernel BTF), passes on 6.12 and 7.x.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h> /* declares the three kfuncs as __weak __ksym, defines bpf_for() */

__u64 iter_sum = 0;

SEC("tp/sched/sched_process_exec")
int sum_with_iter(void *ctx)
{
	__u64 sum = 0;
	int i;

	bpf_for(i, 0, 16)
		sum += i;
	iter_sum = sum;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
