// Kfunc bpf_strlen, added with the string kfuncs in 6.17 (common set, any program type): absent
// from 5.10, 6.1 and 6.12 (libbpf cannot resolve the extern), present on 7.x.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

/* Non-weak: a kernel without it is rejected by libbpf before anything reaches the verifier. */
extern int bpf_strlen(const char *s__ign) __ksym;

int last_len = 0;

SEC("tp/sched/sched_process_exec")
int measure(void *ctx)
{
	char name[] = "bpfcompat";

	last_len = bpf_strlen(name);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
