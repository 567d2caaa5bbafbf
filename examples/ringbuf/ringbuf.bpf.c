// BPF_MAP_TYPE_RINGBUF + bpf_ringbuf_reserve/submit (both 5.8): passes on every kernel (5.10+).
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

struct exec_event {
	__u32 pid;
	__u32 tgid;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096); /* one page: a power of two and a multiple of the page size */
} events SEC(".maps");

SEC("tp/sched/sched_process_exec")
int emit_exec(void *ctx)
{
	struct exec_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	__u64 id;

	if (!e)
		return 0;
	id = bpf_get_current_pid_tgid();
	e->pid = (__u32)id;
	e->tgid = id >> 32;
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
