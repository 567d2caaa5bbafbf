/* Which attach points hold one program at a time. xdp: one program per device and mode (the
 * kernel answers EBUSY to a second link on lo). flow_dissector: one per network namespace (E2BIG
 * to a second link). Everything else the validator attaches is shared: cgroup and tcx links are
 * multi-program, classic tc filters get their own handle and priority, netfilter links their
 * own priority (attach_net.c), and sockets and perf events are our own, one per program. */
#include "attach_slot.h"

#include <linux/bpf.h>
#include <stddef.h>

const char* attach_slot(int prog_type, int expected_attach_type) {
  switch (prog_type) {
    case BPF_PROG_TYPE_XDP:
      if (expected_attach_type == BPF_XDP_DEVMAP || expected_attach_type == BPF_XDP_CPUMAP)
        return NULL; /* skipped: a map entry, not a device */
      return "xdp on lo";
    case BPF_PROG_TYPE_FLOW_DISSECTOR:
      return "flow_dissector on the network namespace";
    default:
      return NULL;
  }
}
