// CO-RE read of a task_struct field that no kernel has, without a bpf_core_field_exists() guard:
// libbpf poisons the instruction and the verifier rejects it — a CO-RE relocation failure on every
// kernel (compare core_field_present for the guarded pattern).
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

/* A field as a patched or future kernel might have it; "___missing" is a flavour of task_struct. */
struct task_struct___missing {
	__u64 bpfcompat_no_such_field;
} __attribute__((preserve_access_index));

__u64 last_value = 0;

SEC("tp/sched/sched_process_exec")
int read_missing(void *ctx)
{
	struct task_struct___missing *task = (void *)bpf_get_current_task();

	last_value = BPF_CORE_READ(task, bpfcompat_no_such_field);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
