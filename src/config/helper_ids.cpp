// helper_id(): BPF helper names → ids, as numbered by __BPF_FUNC_MAPPER in the kernel's
// include/uapi/linux/bpf.h (copied from libbpf 1.4.6's copy, which numbers them explicitly).
#include <array>
#include <string_view>

#include "bpfcompat/config/manifest.h"
#include "manifest_reader.h"

namespace bpfcompat::config {
namespace {

// Index = helper id; names without the "bpf_" prefix. Never reorder: ids are kernel ABI.
// clang-format off
constexpr std::array<std::string_view, 212> kHelpers = {
    /*   0 */ "unspec", "map_lookup_elem", "map_update_elem", "map_delete_elem", "probe_read",
    /*   5 */ "ktime_get_ns", "trace_printk", "get_prandom_u32", "get_smp_processor_id",
    /*   9 */ "skb_store_bytes", "l3_csum_replace", "l4_csum_replace", "tail_call",
    /*  13 */ "clone_redirect", "get_current_pid_tgid", "get_current_uid_gid", "get_current_comm",
    /*  17 */ "get_cgroup_classid", "skb_vlan_push", "skb_vlan_pop", "skb_get_tunnel_key",
    /*  21 */ "skb_set_tunnel_key", "perf_event_read", "redirect", "get_route_realm",
    /*  25 */ "perf_event_output", "skb_load_bytes", "get_stackid", "csum_diff",
    /*  29 */ "skb_get_tunnel_opt", "skb_set_tunnel_opt", "skb_change_proto", "skb_change_type",
    /*  33 */ "skb_under_cgroup", "get_hash_recalc", "get_current_task", "probe_write_user",
    /*  37 */ "current_task_under_cgroup", "skb_change_tail", "skb_pull_data", "csum_update",
    /*  41 */ "set_hash_invalid", "get_numa_node_id", "skb_change_head", "xdp_adjust_head",
    /*  45 */ "probe_read_str", "get_socket_cookie", "get_socket_uid", "set_hash", "setsockopt",
    /*  50 */ "skb_adjust_room", "redirect_map", "sk_redirect_map", "sock_map_update",
    /*  54 */ "xdp_adjust_meta", "perf_event_read_value", "perf_prog_read_value", "getsockopt",
    /*  58 */ "override_return", "sock_ops_cb_flags_set", "msg_redirect_map", "msg_apply_bytes",
    /*  62 */ "msg_cork_bytes", "msg_pull_data", "bind", "xdp_adjust_tail", "skb_get_xfrm_state",
    /*  67 */ "get_stack", "skb_load_bytes_relative", "fib_lookup", "sock_hash_update",
    /*  71 */ "msg_redirect_hash", "sk_redirect_hash", "lwt_push_encap", "lwt_seg6_store_bytes",
    /*  75 */ "lwt_seg6_adjust_srh", "lwt_seg6_action", "rc_repeat", "rc_keydown", "skb_cgroup_id",
    /*  80 */ "get_current_cgroup_id", "get_local_storage", "sk_select_reuseport",
    /*  83 */ "skb_ancestor_cgroup_id", "sk_lookup_tcp", "sk_lookup_udp", "sk_release",
    /*  87 */ "map_push_elem", "map_pop_elem", "map_peek_elem", "msg_push_data", "msg_pop_data",
    /*  92 */ "rc_pointer_rel", "spin_lock", "spin_unlock", "sk_fullsock", "tcp_sock",
    /*  97 */ "skb_ecn_set_ce", "get_listener_sock", "skc_lookup_tcp", "tcp_check_syncookie",
    /* 101 */ "sysctl_get_name", "sysctl_get_current_value", "sysctl_get_new_value",
    /* 104 */ "sysctl_set_new_value", "strtol", "strtoul", "sk_storage_get", "sk_storage_delete",
    /* 109 */ "send_signal", "tcp_gen_syncookie", "skb_output", "probe_read_user",
    /* 113 */ "probe_read_kernel", "probe_read_user_str", "probe_read_kernel_str", "tcp_send_ack",
    /* 117 */ "send_signal_thread", "jiffies64", "read_branch_records", "get_ns_current_pid_tgid",
    /* 121 */ "xdp_output", "get_netns_cookie", "get_current_ancestor_cgroup_id", "sk_assign",
    /* 125 */ "ktime_get_boot_ns", "seq_printf", "seq_write", "sk_cgroup_id",
    /* 129 */ "sk_ancestor_cgroup_id", "ringbuf_output", "ringbuf_reserve", "ringbuf_submit",
    /* 133 */ "ringbuf_discard", "ringbuf_query", "csum_level", "skc_to_tcp6_sock",
    /* 137 */ "skc_to_tcp_sock", "skc_to_tcp_timewait_sock", "skc_to_tcp_request_sock",
    /* 140 */ "skc_to_udp6_sock", "get_task_stack", "load_hdr_opt", "store_hdr_opt",
    /* 144 */ "reserve_hdr_opt", "inode_storage_get", "inode_storage_delete", "d_path",
    /* 148 */ "copy_from_user", "snprintf_btf", "seq_printf_btf", "skb_cgroup_classid",
    /* 152 */ "redirect_neigh", "per_cpu_ptr", "this_cpu_ptr", "redirect_peer", "task_storage_get",
    /* 157 */ "task_storage_delete", "get_current_task_btf", "bprm_opts_set",
    /* 160 */ "ktime_get_coarse_ns", "ima_inode_hash", "sock_from_file", "check_mtu",
    /* 164 */ "for_each_map_elem", "snprintf", "sys_bpf", "btf_find_by_name_kind", "sys_close",
    /* 169 */ "timer_init", "timer_set_callback", "timer_start", "timer_cancel", "get_func_ip",
    /* 174 */ "get_attach_cookie", "task_pt_regs", "get_branch_snapshot", "trace_vprintk",
    /* 178 */ "skc_to_unix_sock", "kallsyms_lookup_name", "find_vma", "loop", "strncmp",
    /* 183 */ "get_func_arg", "get_func_ret", "get_func_arg_cnt", "get_retval", "set_retval",
    /* 188 */ "xdp_get_buff_len", "xdp_load_bytes", "xdp_store_bytes", "copy_from_user_task",
    /* 192 */ "skb_set_tstamp", "ima_file_hash", "kptr_xchg", "map_lookup_percpu_elem",
    /* 196 */ "skc_to_mptcp_sock", "dynptr_from_mem", "ringbuf_reserve_dynptr",
    /* 199 */ "ringbuf_submit_dynptr", "ringbuf_discard_dynptr", "dynptr_read", "dynptr_write",
    /* 203 */ "dynptr_data", "tcp_raw_gen_syncookie_ipv4", "tcp_raw_gen_syncookie_ipv6",
    /* 206 */ "tcp_raw_check_syncookie_ipv4", "tcp_raw_check_syncookie_ipv6", "ktime_get_tai_ns",
    /* 209 */ "user_ringbuf_drain", "cgrp_storage_get", "cgrp_storage_delete",
};
// clang-format on

constexpr std::string_view kPrefix = "bpf_";

}  // namespace

int helper_id(const std::string& name) {
  std::string_view view(name);
  if (view.substr(0, kPrefix.size()) != kPrefix) return 0;
  view.remove_prefix(kPrefix.size());
  for (std::size_t id = 1; id < kHelpers.size(); ++id) {
    if (kHelpers[id] == view) return static_cast<int>(id);
  }
  return 0;
}

std::vector<std::string> helper_names() {
  std::vector<std::string> names;
  for (std::size_t id = 1; id < kHelpers.size(); ++id) {
    names.push_back(std::string(kPrefix) + std::string(kHelpers[id]));
  }
  return names;
}

}  // namespace bpfcompat::config
