// Two flow dissectors (4.20; netns links 5.8) in one object, e.g. an IPv4 one and a fallback:
// a network namespace holds one flow dissector at a time (a second link gets E2BIG), so
// bpfcompat attaches the second alone. Both pass everywhere.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

SEC("flow_dissector")
int dissect_ipv4(struct __sk_buff *skb)
{
	struct bpf_flow_keys *keys = skb->flow_keys;

	if (!keys)
		return BPF_DROP;
	keys->thoff = keys->nhoff;
	return BPF_OK;
}

SEC("flow_dissector")
int dissect_fallback(struct __sk_buff *skb)
{
	return BPF_OK;
}

char LICENSE[] SEC("license") = "GPL";
