// CO-RE relocations of every family: a nested field with an array index, type existence and
// size, enumerator existence and value — inspect resolves their access strings into names.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct bpfcompat_outer {
	int a;
	struct {
		__u32 vals[4];
	} in;
} __attribute__((preserve_access_index));

enum bpfcompat_mode { BPFCOMPAT_MODE_W = 1, BPFCOMPAT_MODE_X = 3 };

__u64 out = 0;

SEC("tp/sched/sched_process_exec")
int kinds(void *ctx)
{
	struct bpfcompat_outer *o = (void *)bpf_get_current_task();

	if (bpf_core_type_exists(struct bpfcompat_outer))
		out = BPF_CORE_READ(o, in.vals[2]);
	if (bpf_core_enum_value_exists(enum bpfcompat_mode, BPFCOMPAT_MODE_X))
		out += bpf_core_enum_value(enum bpfcompat_mode, BPFCOMPAT_MODE_X);
	out += bpf_core_type_size(struct bpfcompat_outer);
	out += bpf_core_field_size(o->a);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
