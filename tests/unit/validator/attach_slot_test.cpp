// Which attach points the validator treats as holding one program at a time (attach_slot.c):
// those make a second program of the same object attach alone (attach_order.c).
#include <linux/bpf.h>

#include <cstring>
#include <string>

#include <gtest/gtest.h>

extern "C" {
#include "attach_slot.h"
}

namespace {

std::string slot(int type, int eat = 0) {
  const char* s = attach_slot(type, eat);
  return s ? s : "";
}

TEST(AttachSlot, XdpOnLoHoldsOneProgramWhateverItsAttachType) {
  EXPECT_EQ(slot(BPF_PROG_TYPE_XDP), "xdp on lo");
  EXPECT_EQ(slot(BPF_PROG_TYPE_XDP, BPF_XDP), "xdp on lo");  // SEC("xdp.frags") and links
}

TEST(AttachSlot, FlowDissectorHoldsOnePerNetworkNamespace) {
  EXPECT_EQ(slot(BPF_PROG_TYPE_FLOW_DISSECTOR, BPF_FLOW_DISSECTOR),
            "flow_dissector on the network namespace");
}

TEST(AttachSlot, SharedAttachPointsHaveNoSlot) {
  EXPECT_EQ(slot(BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP), "");  // a map entry, skipped
  EXPECT_EQ(slot(BPF_PROG_TYPE_XDP, BPF_XDP_CPUMAP), "");
  EXPECT_EQ(slot(BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_INGRESS), "");  // multi links
  EXPECT_EQ(slot(BPF_PROG_TYPE_SCHED_CLS), "");                 // tc filters and tcx links
  EXPECT_EQ(slot(BPF_PROG_TYPE_SK_LOOKUP, BPF_SK_LOOKUP), "");  // 64 per namespace
  EXPECT_EQ(slot(32 /* netfilter: its own priority per link */), "");
  EXPECT_EQ(slot(BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY), "");
  EXPECT_EQ(slot(BPF_PROG_TYPE_SOCKET_FILTER), "");
}

}  // namespace
