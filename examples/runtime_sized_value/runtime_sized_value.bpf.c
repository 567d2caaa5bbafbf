// A stack-trace map whose value_size the loader sets at run time, as libbpf-tools' profile and
// offcputime do with bpf_map__set_value_size (frames × 8 bytes): the object declares no value
// type, so the kernel rejects the map unless a manifest declares the size
// (runtime_sized_value/manifest.yaml).
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, 1024);
	__type(key, __u32);
} stacks SEC(".maps"); /* the loader sets value_size */

SEC("tp/sched/sched_process_exec")
int exec_stack(void *ctx)
{
	bpf_get_stackid(ctx, &stacks, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
