// Socket filter (BPF_PROG_TYPE_SOCKET_FILTER, 3.19) attached with SO_ATTACH_BPF: passes everywhere.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

SEC("socket")
int keep_all(struct __sk_buff *skb)
{
	return skb->len; /* bytes to keep: the whole packet */
}

char LICENSE[] SEC("license") = "GPL";
