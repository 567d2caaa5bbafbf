// XDP program (4.8) attached through a bpf_link (5.9), e.g. generic XDP on lo: passes everywhere.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xdp_pass_all(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
