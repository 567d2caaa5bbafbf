// Maps the loader sizes at run time (max_entries 0 in the object), as Falco's and Inspektor
// Gadget's loaders do: fails on every kernel unless a manifest declares the sizes
// (runtime_sized_map/manifest.yaml), then passes everywhere.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
} exec_counts SEC(".maps"); /* the loader sets max_entries */

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
} scratch SEC(".maps"); /* the loader sets max_entries to the number of CPUs */

SEC("tp/sched/sched_process_exec")
int count_exec_sized(void *ctx)
{
	__u32 key = bpf_get_smp_processor_id();
	__u64 one = 1, *v = bpf_map_lookup_elem(&exec_counts, &key);
	__u64 *s = bpf_map_lookup_elem(&scratch, &(__u32){0});

	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&exec_counts, &key, &one, BPF_ANY);
	if (s)
		*s += 1;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
