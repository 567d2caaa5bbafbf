// Built without -g (see tests/unit/inspect/CMakeLists.txt): a BTF-defined map in an object with
// no .BTF, which libbpf cannot open.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");

SEC("tracepoint/sched/sched_process_exec")
int on_exec(void *ctx)
{
	__u32 key = 0;
	__u64 one = 1;
	bpf_map_update_elem(&seen, &key, &one, BPF_ANY);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
