// A well-formed object: kprobe, fentry and tracepoint programs (plus one not autoloaded) and two
// BTF-defined maps. inspect's tests assert its facts field by field.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct slot {
	__u64 a;
	__u64 b;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct slot);
} slots SEC(".maps");

static void bump(__u32 key)
{
	__u64 one = 1, *v = bpf_map_lookup_elem(&counts, &key);
	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&counts, &key, &one, BPF_ANY);
}

SEC("kprobe/do_unlinkat")
int on_unlink(void *ctx)
{
	bump(1);
	return 0;
}

SEC("fentry/vfs_read")
int BPF_PROG(on_read, struct file *file, char *buf, __u64 count)
{
	bump(2);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_execve")
int on_execve(void *ctx)
{
	__u32 key = 0;
	struct slot *s = bpf_map_lookup_elem(&slots, &key);
	if (s)
		__sync_fetch_and_add(&s->a, 1);
	return 0;
}

SEC("?fexit/vfs_write")
int BPF_PROG(after_write, struct file *file, const char *buf, __u64 count, void *pos, long ret)
{
	bump(3);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
