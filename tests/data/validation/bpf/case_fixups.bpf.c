// Test object for case plans (tests/data/validation/plans): it loads only with the plan's
// manifest fixups. Without them: `counts` has max_entries 0, `rings` and `tables` are
// map-in-map without an inner map template, `custom_filter` is in a section libbpf does not
// know, and `loop_broken` is rejected by the verifier (the program_variants trial load skips it).
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps"); /* max_entries from the plan */

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
} per_cpu_slots SEC(".maps"); /* max_entries: cpus */

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} rings SEC(".maps"); /* inner_ringbuf_bytes */

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} tables SEC(".maps"); /* inner_map: hash */

__u64 loop_sum = 0;

/* The marker the behavior test looks for in /sys/kernel/tracing/trace. */
SEC("tp/sched/sched_process_exec")
int mark_exec(void *ctx)
{
	__u32 key = 0;
	__u64 one = 1, *v = bpf_map_lookup_elem(&counts, &key);

	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&counts, &key, &one, BPF_ANY);
	bpf_printk("bpfcompat-case-marker");
	return 0;
}

/* Variant group "loop", in the plan's order: loop_future (the plan says it needs helper 212,
 * which no kernel has: the helper list ends at 211), loop_broken (its trial load fails: unchecked
 * map value), loop_new (bpf_loop, 5.17+: chosen on 6.1 and later), loop_legacy (the fallback,
 * chosen on 5.10). */
SEC("tp/sched/sched_process_exec")
int loop_future(void *ctx)
{
	loop_sum += 1;
	return 0;
}

SEC("tp/sched/sched_process_exec")
int loop_broken(void *ctx)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&counts, &key);

	loop_sum += *v; /* no NULL check: the verifier rejects it */
	return 0;
}

static long add_index(__u32 index, void *ctx)
{
	*(__u64 *)ctx += index;
	return 0;
}

SEC("tp/sched/sched_process_exec")
int loop_new(void *ctx)
{
	__u64 sum = 0;

	bpf_loop(8, add_index, &sum, 0);
	loop_sum = sum;
	return 0;
}

SEC("tp/sched/sched_process_exec")
int loop_legacy(void *ctx)
{
	__u64 sum = 0;

	for (int i = 0; i < 8; i++)
		sum += i;
	loop_sum = sum;
	return 0;
}

/* A section libbpf does not know: the plan's program_type makes it a socket filter. */
SEC("bpfcompat_custom")
int custom_filter(struct __sk_buff *skb)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
