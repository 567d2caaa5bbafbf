// cgroup_skb ingress program (4.10), attached to a cgroup v2 directory: passes everywhere.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

__u64 ingress_bytes = 0;

SEC("cgroup_skb/ingress")
int count_ingress(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&ingress_bytes, skb->len);
	return 1; /* allow */
}

char LICENSE[] SEC("license") = "GPL";
