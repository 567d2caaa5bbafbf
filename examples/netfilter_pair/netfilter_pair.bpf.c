// Two BPF_PROG_TYPE_NETFILTER programs (6.4) on the same hook: each netfilter link gets its own
// priority, so both attach at once on 6.12 and 7.x; 5.10 and 6.1 lack the program type.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

#define NF_ACCEPT 1 /* uapi <linux/netfilter.h> */

__u64 seen = 0;

SEC("netfilter")
int count_packets(struct bpf_nf_ctx *ctx)
{
	__sync_fetch_and_add(&seen, 1);
	return NF_ACCEPT;
}

SEC("netfilter")
int accept_rest(struct bpf_nf_ctx *ctx)
{
	return NF_ACCEPT;
}

char LICENSE[] SEC("license") = "GPL";
