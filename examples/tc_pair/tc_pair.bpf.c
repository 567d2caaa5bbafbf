// Two classic tc classifiers (cls_bpf direct-action, 4.1) on the same clsact ingress of lo: each
// filter gets its own priority from the kernel, so both attach at once. Passes everywhere.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

#define TC_ACT_OK 0 /* uapi <linux/pkt_cls.h> */

__u64 ingress_packets = 0;

SEC("tc")
int count_ingress(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&ingress_packets, 1);
	return TC_ACT_OK;
}

SEC("tc")
int accept_ingress(struct __sk_buff *skb)
{
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
