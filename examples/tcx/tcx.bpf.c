// tcx ingress link (BPF_TCX_INGRESS, 6.6): a SCHED_CLS program loads on 5.10 and 6.1 but the tcx
// link attach type is unknown there (EINVAL); passes on 6.12 and 7.x.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

SEC("tcx/ingress")
int tcx_pass(struct __sk_buff *skb)
{
	return BPFCOMPAT_TCX_PASS;
}

char LICENSE[] SEC("license") = "GPL";
