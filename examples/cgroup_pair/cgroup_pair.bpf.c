// Two cgroup_skb/ingress programs on the same cgroup hook (4.10): attached as bpf_links they are
// multi-program (BPF_F_ALLOW_MULTI semantics), so both attach at once. Passes everywhere.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

__u64 ingress_packets = 0;

SEC("cgroup_skb/ingress")
int count_ingress(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&ingress_packets, 1);
	return 1; /* allow */
}

SEC("cgroup_skb/ingress")
int allow_ingress(struct __sk_buff *skb)
{
	return 1;
}

char LICENSE[] SEC("license") = "GPL";
