// BPF_PROG_TYPE_NETFILTER (6.4), attached as a netfilter hook link: the program type is unknown to
// 5.10 and 6.1 (load fails), passes on 6.12 and 7.x.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

#define NF_ACCEPT 1 /* uapi <linux/netfilter.h>; the verifier allows only NF_DROP(0)/NF_ACCEPT */

SEC("netfilter")
int accept_all(struct bpf_nf_ctx *ctx)
{
	return NF_ACCEPT;
}

char LICENSE[] SEC("license") = "GPL";
