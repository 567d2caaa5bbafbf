// Helper names come from the host's UAPI header: linux/bpf.h's __BPF_FUNC_MAPPER lists every
// helper in id order (linux-libc-dev), plus a hand-kept tail for the ids a 6.1 header lacks.
// The GPL-only set was built from the linux 6.1 source (Debian's linux-source-6.1): every
// `const struct bpf_func_proto X = { ... .gpl_only = true ... }` mapped to its helper through the
// `case BPF_FUNC_<name>: return &X;` of the get_func_proto switches, plus probe_write_user,
// trace_printk and trace_vprintk, returned through bpf_get_*_proto() functions. Helpers added
// after 6.1 (cgrp_storage_get/delete, 6.2 — the last ones) are not GPL-only.
#include "bpfcompat/inspect/helper_table.h"

#include <linux/bpf.h>

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

namespace bpfcompat::inspect {
namespace {

#define BPFCOMPAT_HELPER_NAME(name) #name
constexpr std::string_view kUapiNames[] = {__BPF_FUNC_MAPPER(BPFCOMPAT_HELPER_NAME)};
#undef BPFCOMPAT_HELPER_NAME

// Ids after user_ringbuf_drain (209), the last helper of linux 6.1's header.
constexpr std::array<std::string_view, 2> kTail = {"cgrp_storage_get", "cgrp_storage_delete"};
constexpr std::int32_t kTailFirstId = 210;
constexpr std::int32_t kUapiCount = sizeof(kUapiNames) / sizeof(kUapiNames[0]);
static_assert(kUapiCount >= kTailFirstId, "linux/bpf.h older than 6.1");

constexpr std::array<std::string_view, 44> kGplOnly = {
    "check_mtu",
    "copy_from_user_task",
    "fib_lookup",
    "get_branch_snapshot",
    "get_current_task",
    "get_current_task_btf",
    "get_func_ip",
    "get_stack",
    "get_stackid",
    "override_return",
    "perf_event_output",
    "perf_event_read",
    "perf_event_read_value",
    "perf_prog_read_value",
    "probe_read",
    "probe_read_kernel",
    "probe_read_kernel_str",
    "probe_read_str",
    "probe_read_user",
    "probe_read_user_str",
    "probe_write_user",
    "rc_keydown",
    "rc_pointer_rel",
    "rc_repeat",
    "read_branch_records",
    "seq_printf",
    "seq_printf_btf",
    "seq_write",
    "skb_output",
    "snprintf",
    "task_pt_regs",
    "tcp_check_syncookie",
    "tcp_gen_syncookie",
    "tcp_raw_check_syncookie_ipv4",
    "tcp_raw_check_syncookie_ipv6",
    "tcp_raw_gen_syncookie_ipv4",
    "tcp_raw_gen_syncookie_ipv6",
    "timer_cancel",
    "timer_init",
    "timer_set_callback",
    "timer_start",
    "trace_printk",
    "trace_vprintk",
    "xdp_output",
};

// The name without "bpf_", "" for an unknown id.
std::string_view short_name(std::int32_t id) {
  if (id <= 0) return {};
  if (id < kUapiCount) return kUapiNames[id];
  if (id >= kTailFirstId && id < kTailFirstId + static_cast<std::int32_t>(kTail.size())) {
    return kTail[id - kTailFirstId];
  }
  return {};
}

}  // namespace

std::string helper_name(std::int32_t id) {
  std::string_view name = short_name(id);
  if (name.empty()) return fmt::format("helper#{}", id);
  return fmt::format("bpf_{}", name);
}

bool helper_gpl_only(std::int32_t id) {
  std::string_view name = short_name(id);
  return !name.empty() && std::binary_search(kGplOnly.begin(), kGplOnly.end(), name);
}

std::int32_t known_helper_count() {
  return std::max<std::int32_t>(kUapiCount, kTailFirstId + static_cast<std::int32_t>(kTail.size()));
}

bool license_is_gpl_compatible(const std::string& license) {
  // kernel/bpf/syscall.c → include/linux/license.h
  constexpr std::array<std::string_view, 6> kCompatible = {
      "GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL"};
  return std::find(kCompatible.begin(), kCompatible.end(), license) != kCompatible.end();
}

}  // namespace bpfcompat::inspect
