// CO-RE reads of task_struct fields: pid/tgid exist everywhere, and __state (5.14) vs state
// (before 5.14) is chosen with bpf_core_field_exists, so the relocations resolve on every kernel.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

/* The pre-5.14 layout, matched to task_struct by libbpf ("___" suffix is a flavour). */
struct task_struct___pre514 {
	long state;
} __attribute__((preserve_access_index));

__u32 last_tgid = 0;
__u64 last_state = 0;

SEC("tp/sched/sched_process_exec")
int read_task(void *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();

	last_tgid = BPF_CORE_READ(task, tgid) ^ BPF_CORE_READ(task, pid);
	if (bpf_core_field_exists(task->__state))
		last_state = BPF_CORE_READ(task, __state);
	else
		last_state = BPF_CORE_READ((struct task_struct___pre514 *)task, state);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
