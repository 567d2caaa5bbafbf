// A tracepoint program that leaves a trace a test can observe: every exec writes
// "bpfcompat-exec-marker" to the trace buffer (bpf_trace_printk, 4.1+). Behavior mode with
// exec_marker/manifest.yaml proves the program fired, not only that it attached.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

SEC("tp/sched/sched_process_exec")
int mark_exec(void *ctx)
{
	bpf_printk("bpfcompat-exec-marker");
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
