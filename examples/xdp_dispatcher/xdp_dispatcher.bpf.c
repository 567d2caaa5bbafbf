// A multi-program XDP dispatcher, shaped like libxdp's: a dispatcher program that runs up to
// MAX_SLOTS component functions in turn (global, noinline: a loader replaces them with freplace
// programs) and stops at the first action its configuration does not chain on, plus a plain pass
// program in the same object. Two SEC("xdp") programs: only one can hold lo at a time, so
// bpfcompat attaches the second alone. Passes everywhere.
#include "bpfcompat_types.h"
#include <bpf/bpf_helpers.h>

#define MAX_SLOTS 4

struct dispatcher_config {
	__u8 num_progs_enabled;
	__u32 chain_call_actions[MAX_SLOTS]; /* bit N set: go on to the next slot on action N */
};

/* Filled in by the loader before the load (read-only data: the verifier prunes unused slots). */
volatile const struct dispatcher_config conf = {
	.num_progs_enabled = 0,
};

__attribute__((noinline)) int slot0(struct xdp_md *ctx)
{
	volatile int ret = XDP_PASS; /* keep the body: the loader replaces it */
	return ctx ? ret : XDP_ABORTED;
}

__attribute__((noinline)) int slot1(struct xdp_md *ctx)
{
	volatile int ret = XDP_PASS;
	return ctx ? ret : XDP_ABORTED;
}

__attribute__((noinline)) int slot2(struct xdp_md *ctx)
{
	volatile int ret = XDP_PASS;
	return ctx ? ret : XDP_ABORTED;
}

__attribute__((noinline)) int slot3(struct xdp_md *ctx)
{
	volatile int ret = XDP_PASS;
	return ctx ? ret : XDP_ABORTED;
}

static __always_inline int chains(int slot, int action)
{
	return conf.chain_call_actions[slot] & (1U << action);
}

SEC("xdp")
int xdp_dispatcher(struct xdp_md *ctx)
{
	__u8 n = conf.num_progs_enabled;
	int ret;

	if (n < 1)
		goto out;
	ret = slot0(ctx);
	if (!chains(0, ret))
		return ret;
	if (n < 2)
		goto out;
	ret = slot1(ctx);
	if (!chains(1, ret))
		return ret;
	if (n < 3)
		goto out;
	ret = slot2(ctx);
	if (!chains(2, ret))
		return ret;
	if (n < 4)
		goto out;
	ret = slot3(ctx);
	if (!chains(3, ret))
		return ret;
out:
	return XDP_PASS;
}

/* What the loader attaches when no component program is loaded. */
SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
