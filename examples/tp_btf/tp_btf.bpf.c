// BTF-typed raw tracepoint (tp_btf, 5.5) on sched_switch, reading only the arguments that every
// version of the tracepoint has (prev_state was appended in 5.18): passes on every kernel.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

__u64 switches_from_pid1 = 0;

SEC("tp_btf/sched_switch")
int BPF_PROG(on_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	if (prev->pid == 1) /* direct BTF pointer read, CO-RE relocated */
		__sync_fetch_and_add(&switches_from_pid1, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
