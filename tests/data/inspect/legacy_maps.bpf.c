// Pre-libbpf-1.0 map definitions: struct bpf_map_def in SEC("maps"), which libbpf >= 1.0 refuses.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

// libbpf 1.0 removed this struct from bpf_helpers.h; old sources defined it like this.
struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

struct bpf_map_def SEC("maps") counts = {
	.type = BPF_MAP_TYPE_HASH,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 1024,
};

struct bpf_map_def SEC("maps") events = {
	.type = BPF_MAP_TYPE_PERCPU_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = 16,
	.max_entries = 8,
	.map_flags = 0,
};

SEC("kprobe/do_unlinkat")
int on_unlink(void *ctx)
{
	__u32 key = 0;
	__u64 one = 1;
	bpf_map_update_elem(&counts, &key, &one, BPF_ANY);
	bpf_map_lookup_elem(&events, &key);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
