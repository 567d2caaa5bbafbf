// fentry on do_unlinkat: exists on 5.10, 6.1 and 6.12, but was renamed in 7.x, so libbpf finds no
// BTF for the attach target there (ESRCH at load) — the kernel-drift case bpfcompat exists for.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

__u64 unlink_calls = 0;

SEC("fentry/do_unlinkat")
int BPF_PROG(on_unlinkat, int dfd, struct filename *name)
{
	__sync_fetch_and_add(&unlink_calls, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
