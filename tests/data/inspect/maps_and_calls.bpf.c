// Map-in-map, a pinned map, map flags, a tail call through a prog array, a sleepable program
// calling a weak kfunc and a GPL-only helper: inspect's code and map facts, field by field.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

struct inner {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} inner_a SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, struct inner);
} outer SEC(".maps") = {
	.values = {[0] = &inner_a},
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
	__type(key, __u32);
	__type(value, __u32);
} pinned_counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} jump_table SEC(".maps");

extern void bpf_rcu_read_lock(void) __ksym __weak;
extern void bpf_rcu_read_unlock(void) __ksym __weak;

SEC("socket")
int tail_target(struct __sk_buff *skb)
{
	return 0;
}

SEC("socket")
int dispatch(struct __sk_buff *skb)
{
	__u32 key = 0, *count = bpf_map_lookup_elem(&pinned_counts, &key);

	if (count)
		__sync_fetch_and_add(count, 1);
	bpf_tail_call(skb, &jump_table, 0);
	return 0;
}

SEC("fentry.s/vfs_read")
int sleepy(void *ctx)
{
	__u32 key = 0;
	void *m = bpf_map_lookup_elem(&outer, &key);

	bpf_rcu_read_lock();
	if (m)
		bpf_map_lookup_elem(m, &key);
	bpf_rcu_read_unlock();
	return bpf_get_current_task() != 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
