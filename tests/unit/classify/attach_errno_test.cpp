// Every attach failure gets a specific code: one row per errno × attach method (the validator's
// methods and the section families of its "auto" attach), each naming the program and the
// attach point in its remediation.
#include <cerrno>

#include <gtest/gtest.h>

#include "bpfcompat/classify/verdict.h"
#include "facts_builder.h"

namespace bpfcompat::classify {
namespace {

using namespace testing;  // NOLINT: the builders

struct ErrnoCase {
  std::string name;
  validation::ProgramResult program;
  validation::GuestFacts guest;
  std::string code;
  Status status;
  std::string point;            // the attach point the remediation must name
  std::string remediation_has;  // "" when the program and the point suffice
};

constexpr const char* k612 = "6.12.38+deb13-cloud-amd64";

struct Row {
  const char* name;
  const char* section;
  const char* type_name;
  const char* method;
  int err;
  const char* code;
  const char* point;
  const char* remediation_has = "";
  const char* reason = "";  // the validator's reason
  const char* tail = "";    // libbpf's tail
  Status status = Status::kFail;
  const char* release = k612;
  const char* lockdown = "none";
};

ErrnoCase make_case(const Row& r) {
  auto p = failed_attach(program("prog_x", r.section, 0, r.type_name), r.method, r.err, r.tail,
                         r.reason);
  if (std::string(r.section).rfind("tcx/", 0) == 0) p.attach_type_name = "tcx_ingress";
  return {r.name, p, guest(r.release, r.lockdown), r.code, r.status, r.point, r.remediation_has};
}

constexpr Status kErr = Status::kError;
constexpr const char* k61 = "6.1.0-28-cloud-amd64";

// clang-format off
const Row kRows[] = {
  // kprobe family (method auto)
  {"kprobe_enoent", "kprobe/do_unlinkat", "kprobe", "auto", ENOENT, "ATTACH_TARGET_NOT_FOUND", "do_unlinkat", "available_filter_functions"},
  {"kprobe_esrch", "kprobe/do_unlinkat", "kprobe", "auto", ESRCH, "ATTACH_TARGET_NOT_FOUND", "do_unlinkat"},
  {"kprobe_placeholder", "kprobe/dummy_kprobe", "kprobe", "auto", ENOENT, "ATTACH_TARGET_NOT_FOUND", "dummy_kprobe", "looks like a placeholder"},
  {"kprobe_foo_placeholder", "kretprobe/foo", "kprobe", "auto", ENOENT, "ATTACH_TARGET_NOT_FOUND", "foo", "bpf_program__attach_kprobe()"},
  {"kretprobe_enoent", "kretprobe/do_unlinkat", "kprobe", "auto", ENOENT, "ATTACH_TARGET_NOT_FOUND", "do_unlinkat"},
  {"ksyscall_enoent", "ksyscall/openat", "kprobe", "auto", ENOENT, "ATTACH_TARGET_NOT_FOUND", "openat"},
  {"kprobe_einval", "kprobe/do_unlinkat", "kprobe", "auto", EINVAL, "ATTACH_TARGET_NOT_TRACEABLE", "do_unlinkat", "blacklist"},
  {"kprobe_eaddrnotavail", "kprobe/dup_name", "kprobe", "auto", EADDRNOTAVAIL, "ATTACH_TARGET_NOT_TRACEABLE", "dup_name", "several kernel symbols"},
  {"kprobe_eilseq", "kprobe/do_unlinkat+3", "kprobe", "auto", EILSEQ, "ATTACH_TARGET_NOT_TRACEABLE", "do_unlinkat+3", "instruction boundary"},
  {"kprobe_eopnotsupp", "kprobe/do_unlinkat", "kprobe", "auto", EOPNOTSUPP, "UNSUPPORTED_ATTACH_TYPE", "do_unlinkat"},
  {"kprobe_enotsupp", "kprobe/do_unlinkat", "kprobe", "auto", 524, "UNSUPPORTED_ATTACH_TYPE", "do_unlinkat"},
  {"kprobe_enodev", "kprobe/do_unlinkat", "kprobe", "auto", ENODEV, "UNSUPPORTED_ATTACH_TYPE", "do_unlinkat"},
  {"kprobe_e2big", "kprobe/do_unlinkat", "kprobe", "auto", E2BIG, "UNSUPPORTED_ATTACH_TYPE", "do_unlinkat"},
  {"kprobe_ebusy", "kprobe/do_unlinkat", "kprobe", "auto", EBUSY, "ATTACH_BUSY", "do_unlinkat", "IPMODIFY"},
  {"kprobe_eexist", "kprobe/do_unlinkat", "kprobe", "auto", EEXIST, "ATTACH_BUSY", "do_unlinkat", "same name"},
  {"kprobe_eperm", "kprobe/do_unlinkat", "kprobe", "auto", EPERM, "CAPABILITY_FAILURE", "do_unlinkat", "CAP_PERFMON"},
  {"kprobe_eperm_lockdown", "kprobe/do_unlinkat", "kprobe", "auto", EPERM, "POLICY_DENIED", "do_unlinkat", "lockdown (confidentiality)", "", "", Status::kFail, k612, "confidentiality"},
  {"kprobe_eacces", "kprobe/do_unlinkat", "kprobe", "auto", EACCES, "POLICY_DENIED", "do_unlinkat", "audit log"},
  {"kprobe_enomem", "kprobe/do_unlinkat", "kprobe", "auto", ENOMEM, "ATTACH_RESOURCE_LIMIT", "do_unlinkat", "ENOMEM"},
  {"kprobe_enospc", "kprobe/do_unlinkat", "kprobe", "auto", ENOSPC, "ATTACH_RESOURCE_LIMIT", "do_unlinkat"},
  {"kprobe_eagain", "kprobe/do_unlinkat", "kprobe", "auto", EAGAIN, "ATTACH_RESOURCE_LIMIT", "do_unlinkat"},
  {"kprobe_emfile", "kprobe/do_unlinkat", "kprobe", "auto", EMFILE, "ATTACH_RESOURCE_LIMIT", "do_unlinkat"},
  {"kprobe_ebadf", "kprobe/do_unlinkat", "kprobe", "auto", EBADF, "ATTACH_LOADER_ERROR", "do_unlinkat", "bpfcompat bug", "", "", kErr},
  {"kprobe_efault", "kprobe/do_unlinkat", "kprobe", "auto", EFAULT, "ATTACH_LOADER_ERROR", "do_unlinkat", "bpfcompat bug", "", "", kErr},
  {"kprobe_tracefs_missing", "kprobe/do_unlinkat", "kprobe", "auto", ENOENT, "ATTACH_TARGET_UNAVAILABLE", "do_unlinkat", "mount tracefs", "", "libbpf: failed to open /sys/kernel/tracing/kprobe_events: No such file or directory\n", kErr},
  {"kprobe_eintr_is_unknown", "kprobe/do_unlinkat", "kprobe", "auto", EINTR, "UNKNOWN", "do_unlinkat", "please report"},
  // kprobe.multi, uprobe, uprobe.multi, usdt
  {"kprobe_multi_eopnotsupp", "kprobe.multi/vfs_*", "kprobe", "auto", EOPNOTSUPP, "UNSUPPORTED_ATTACH_TYPE", "vfs_*", "CONFIG_FPROBE"},
  {"kprobe_multi_esrch", "kprobe.multi/vfs_*", "kprobe", "auto", ESRCH, "ATTACH_TARGET_NOT_FOUND", "vfs_*"},
  {"kprobe_multi_e2big", "kprobe.multi/*", "kprobe", "auto", E2BIG, "ATTACH_RESOURCE_LIMIT", "*", "narrow it"},
  {"kprobe_multi_einval", "kprobe.multi/vfs_*", "kprobe", "auto", EINVAL, "UNSUPPORTED_ATTACH_TYPE", "vfs_*"},
  {"kprobe_multi_ebusy", "kprobe.multi/vfs_*", "kprobe", "auto", EBUSY, "ATTACH_BUSY", "vfs_*"},
  {"uprobe_enoent", "uprobe//usr/bin/bash:readline", "kprobe", "auto", ENOENT, "ATTACH_TARGET_NOT_FOUND", "/usr/bin/bash:readline", "bpf_program__attach_uprobe_opts"},
  {"uprobe_einval", "uprobe//usr/bin/bash:readline", "kprobe", "auto", EINVAL, "ATTACH_TARGET_NOT_TRACEABLE", "/usr/bin/bash:readline", "objdump"},
  {"uprobe_eperm", "uprobe//usr/bin/bash:readline", "kprobe", "auto", EPERM, "CAPABILITY_FAILURE", "/usr/bin/bash:readline"},
  {"uprobe_multi_eopnotsupp", "uprobe.multi//usr/bin/bash:read*", "kprobe", "auto", EOPNOTSUPP, "UNSUPPORTED_ATTACH_TYPE", "/usr/bin/bash:read*"},
  {"uprobe_multi_e2big", "uprobe.multi//usr/bin/bash:*", "kprobe", "auto", E2BIG, "ATTACH_RESOURCE_LIMIT", "/usr/bin/bash:*"},
  {"usdt_enoent", "usdt/libc.so.6:libc:setjmp", "kprobe", "auto", ENOENT, "ATTACH_TARGET_NOT_FOUND", "libc.so.6:libc:setjmp"},
  // tracepoints and raw tracepoints
  {"tracepoint_enoent", "tp/syscalls/sys_enter_open", "tracepoint", "auto", ENOENT, "ATTACH_TARGET_NOT_FOUND", "syscalls/sys_enter_open", "/sys/kernel/tracing/events/"},
  {"tracepoint_einval", "tracepoint/sched/sched_switch", "tracepoint", "auto", EINVAL, "UNSUPPORTED_ATTACH_TYPE", "sched/sched_switch"},
  {"tracepoint_eacces", "tp/sched/sched_switch", "tracepoint", "auto", EACCES, "POLICY_DENIED", "sched/sched_switch"},
  {"tracepoint_eperm", "tp/sched/sched_switch", "tracepoint", "auto", EPERM, "CAPABILITY_FAILURE", "sched/sched_switch"},
  {"tracepoint_enomem", "tp/sched/sched_switch", "tracepoint", "auto", ENOMEM, "ATTACH_RESOURCE_LIMIT", "sched/sched_switch"},
  {"raw_tp_enoent", "raw_tp/sched_switch_v2", "raw_tracepoint", "auto", ENOENT, "ATTACH_TARGET_NOT_FOUND", "sched_switch_v2"},
  {"raw_tp_einval", "raw_tp/sched_switch", "raw_tracepoint", "auto", EINVAL, "UNSUPPORTED_ATTACH_TYPE", "sched_switch"},
  {"raw_tp_ebusy", "raw_tp/sched_switch", "raw_tracepoint", "auto", EBUSY, "ATTACH_BUSY", "sched_switch"},
  {"tp_btf_enoent", "tp_btf/sched_switch", "tracing", "auto", ENOENT, "ATTACH_TARGET_NOT_FOUND", "sched_switch"},
  // trampolines: fentry, fexit, fmod_ret, lsm
  {"fentry_ebusy", "fentry/do_unlinkat", "tracing", "auto", EBUSY, "TRAMPOLINE_BUSY", "do_unlinkat", "fall back to a kprobe, chosen at load time with bpf_program__set_autoload"},
  {"fexit_ebusy", "fexit/vfs_read", "tracing", "auto", EBUSY, "TRAMPOLINE_BUSY", "vfs_read", "IPMODIFY"},
  {"fmod_ret_ebusy", "fmod_ret/security_file_open", "tracing", "auto", EBUSY, "TRAMPOLINE_BUSY", "security_file_open"},
  {"lsm_ebusy", "lsm/file_open", "lsm", "auto", EBUSY, "TRAMPOLINE_BUSY", "file_open"},
  {"fentry_sleepable_ebusy", "fentry.s/do_unlinkat", "tracing", "auto", EBUSY, "TRAMPOLINE_BUSY", "do_unlinkat"},
  {"fentry_eexist", "fentry/do_unlinkat", "tracing", "auto", EEXIST, "ATTACH_BUSY", "do_unlinkat"},
  {"fentry_e2big", "fentry/do_unlinkat", "tracing", "auto", E2BIG, "ATTACH_RESOURCE_LIMIT", "do_unlinkat", "(38)"},
  {"fentry_enotsupp", "fentry/do_unlinkat", "tracing", "auto", 524, "UNSUPPORTED_ATTACH_TYPE", "do_unlinkat"},
  {"fentry_einval", "fentry/do_unlinkat", "tracing", "auto", EINVAL, "UNSUPPORTED_ATTACH_TYPE", "do_unlinkat"},
  {"fentry_enoent", "fentry/do_unlinkat", "tracing", "auto", ENOENT, "ATTACH_TARGET_NOT_FOUND", "do_unlinkat"},
  {"fentry_eperm", "fentry/do_unlinkat", "tracing", "auto", EPERM, "CAPABILITY_FAILURE", "do_unlinkat", "CAP_PERFMON"},
  {"lsm_eacces", "lsm/file_open", "lsm", "auto", EACCES, "POLICY_DENIED", "file_open"},
  // iterators
  {"iter_enoent", "iter/task_vma", "tracing", "iter", ENOENT, "ATTACH_TARGET_NOT_FOUND", "task_vma", "no BPF iterator"},
  {"iter_einval", "iter/task", "tracing", "iter", EINVAL, "UNSUPPORTED_ATTACH_TYPE", "task"},
  {"iter_read_enomem", "iter/task", "tracing", "iter", ENOMEM, "ITERATOR_READ_FAILED", "task", "ENOMEM", "reading the iterator failed"},
  {"iter_read_e2big", "iter/task", "tracing", "iter", E2BIG, "ITERATOR_READ_FAILED", "task", "seq_file", "reading the iterator failed"},
  {"iter_read_eagain", "iter/task", "tracing", "iter", EAGAIN, "ITERATOR_READ_FAILED", "task", "must return 0", "reading the iterator failed"},
  {"iter_create_emfile", "iter/task", "tracing", "iter", EMFILE, "ATTACH_RESOURCE_LIMIT", "task", "", "bpf_iter_create failed"},
  // xdp
  {"xdp_ebusy", "xdp", "xdp", "xdp", EBUSY, "ATTACH_BUSY", "lo", "libxdp"},
  {"xdp_eexist", "xdp", "xdp", "xdp", EEXIST, "ATTACH_BUSY", "lo"},
  {"xdp_einval", "xdp.frags", "xdp", "xdp", EINVAL, "UNSUPPORTED_ATTACH_TYPE", "lo"},
  {"xdp_eopnotsupp", "xdp", "xdp", "xdp", EOPNOTSUPP, "UNSUPPORTED_ATTACH_TYPE", "lo"},
  {"xdp_e2big", "xdp", "xdp", "xdp", E2BIG, "UNSUPPORTED_ATTACH_TYPE", "lo"},
  {"xdp_enodev", "xdp", "xdp", "xdp", ENODEV, "ATTACH_TARGET_UNAVAILABLE", "lo", "loopback", "", "", kErr},
  {"xdp_eperm", "xdp", "xdp", "xdp", EPERM, "CAPABILITY_FAILURE", "lo", "CAP_NET_ADMIN"},
  {"xdp_enomem", "xdp", "xdp", "xdp", ENOMEM, "ATTACH_RESOURCE_LIMIT", "lo"},
  // tc, tcx
  {"tc_eexist", "tc", "sched_cls", "tc", EEXIST, "ATTACH_BUSY", "lo", "BPF_TC_F_REPLACE", "adding the bpf filter failed (module cls_bpf missing?)"},
  {"tc_einval", "tc", "sched_cls", "tc", EINVAL, "UNSUPPORTED_ATTACH_TYPE", "lo"},
  {"tc_module_missing", "tc", "sched_cls", "tc", ENOENT, "MISSING_KERNEL_MODULE", "lo", "sch_ingress", "creating the clsact qdisc on lo failed (module sch_ingress missing?)", "libbpf: Kernel error message: Specified qdisc kind is unknown\n", kErr},
  {"tc_eperm", "tc", "sched_cls", "tc", EPERM, "CAPABILITY_FAILURE", "lo", "CAP_NET_ADMIN"},
  {"tc_enodev", "tc", "sched_cls", "tc", ENODEV, "ATTACH_TARGET_UNAVAILABLE", "lo", "", "", "", kErr},
  {"tcx_einval_before_6_6", "tcx/ingress", "sched_cls", "tcx", EINVAL, "UNSUPPORTED_ATTACH_TYPE", "lo", "tcx needs Linux 6.6", "", "", Status::kFail, k61},
  {"tcx_eexist", "tcx/ingress", "sched_cls", "tcx", EEXIST, "ATTACH_BUSY", "lo"},
  {"tcx_erange", "tcx/egress", "sched_cls", "tcx", ERANGE, "ATTACH_RESOURCE_LIMIT", "egress on lo", "(64)"},
  {"tcx_enxio", "tcx/ingress", "sched_cls", "tcx", ENXIO, "ATTACH_TARGET_UNAVAILABLE", "lo", "", "", "", kErr},
  // cgroup
  {"cgroup_no_cgroup2", "cgroup_skb/ingress", "cgroup_skb", "cgroup", ENOENT, "ATTACH_TARGET_UNAVAILABLE", "cgroup2", "mount cgroup2", "no cgroup2 hierarchy at /sys/fs/cgroup", "", kErr},
  {"cgroup_eperm_parent_exclusive", "cgroup/connect4", "cgroup_sock_addr", "cgroup", EPERM, "ATTACH_BUSY", "cgroup2", "BPF_F_ALLOW_MULTI"},
  {"cgroup_eexist", "cgroup/connect4", "cgroup_sock_addr", "cgroup", EEXIST, "ATTACH_BUSY", "cgroup2"},
  {"cgroup_e2big", "cgroup_skb/egress", "cgroup_skb", "cgroup", E2BIG, "ATTACH_RESOURCE_LIMIT", "cgroup2", "(64)"},
  {"cgroup_einval", "cgroup/connect_unix", "cgroup_sock_addr", "cgroup", EINVAL, "UNSUPPORTED_ATTACH_TYPE", "cgroup2"},
  {"cgroup_eacces", "cgroup/sysctl", "cgroup_sysctl", "cgroup", EACCES, "POLICY_DENIED", "cgroup2"},
  // socket filter, netns, netfilter
  {"socket_eperm", "socket", "socket_filter", "socket", EPERM, "CAPABILITY_FAILURE", "UDP socket"},
  {"socket_einval", "socket", "socket_filter", "socket", EINVAL, "UNSUPPORTED_ATTACH_TYPE", "UDP socket"},
  {"socket_enomem", "socket", "socket_filter", "socket", ENOMEM, "ATTACH_RESOURCE_LIMIT", "UDP socket"},
  {"socket_no_inet", "socket", "socket_filter", "socket", EAFNOSUPPORT, "ATTACH_TARGET_UNAVAILABLE", "UDP socket", "CONFIG_INET", "socket(AF_INET, SOCK_DGRAM) failed", "", kErr},
  {"netns_eexist", "flow_dissector", "flow_dissector", "netns", EEXIST, "ATTACH_BUSY", "network namespace", "one per namespace"},
  {"netns_flow_dissector_e2big", "flow_dissector", "flow_dissector", "netns", E2BIG, "ATTACH_BUSY", "network namespace", "one per namespace"},
  {"netns_einval", "sk_lookup", "sk_lookup", "netns", EINVAL, "UNSUPPORTED_ATTACH_TYPE", "network namespace"},
  {"netns_open_failed", "sk_lookup", "sk_lookup", "netns", ENOENT, "ATTACH_TARGET_UNAVAILABLE", "network namespace", "/proc", "cannot open /proc/self/ns/net", "", kErr},
  {"netfilter_eopnotsupp_6_1", "netfilter", "netfilter", "netfilter", EOPNOTSUPP, "UNSUPPORTED_ATTACH_TYPE", "LOCAL_IN", "netfilter needs Linux 6.4", "", "", Status::kFail, k61},
  {"netfilter_ebusy", "netfilter", "netfilter", "netfilter", EBUSY, "ATTACH_BUSY", "LOCAL_IN"},
  {"netfilter_erange", "netfilter", "netfilter", "netfilter", ERANGE, "ATTACH_LOADER_ERROR", "LOCAL_IN", "", "", "", kErr},
  {"netfilter_enoent", "netfilter", "netfilter", "netfilter", ENOENT, "ATTACH_TARGET_UNAVAILABLE", "LOCAL_IN", "", "", "", kErr},
  // perf events, struct_ops
  {"perf_open_failed", "perf_event", "perf_event", "perf_event", ENOENT, "ATTACH_TARGET_UNAVAILABLE", "cpu-clock", "CONFIG_PERF_EVENTS", "perf_event_open(cpu-clock) failed", "", kErr},
  {"perf_eexist", "perf_event", "perf_event", "perf_event", EEXIST, "ATTACH_BUSY", "cpu-clock"},
  {"perf_einval", "perf_event", "perf_event", "perf_event", EINVAL, "UNSUPPORTED_ATTACH_TYPE", "cpu-clock"},
  {"perf_eperm", "perf_event", "perf_event", "perf_event", EPERM, "CAPABILITY_FAILURE", "cpu-clock", "CAP_PERFMON"},
  {"struct_ops_eexist", "struct_ops/cc_init", "struct_ops", "struct_ops", EEXIST, "ATTACH_BUSY", "'bbr_like'", "unique .name", "registering struct_ops map 'bbr_like' failed"},
  {"struct_ops_ebusy", "struct_ops/cc_init", "struct_ops", "struct_ops", EBUSY, "ATTACH_BUSY", "'bbr_like'", "", "registering struct_ops map 'bbr_like' failed"},
  {"struct_ops_enoent", "struct_ops/cc_init", "struct_ops", "struct_ops", ENOENT, "UNSUPPORTED_ATTACH_TYPE", "'bbr_like'", "", "registering struct_ops map 'bbr_like' failed"},
  {"struct_ops_enotsupp", "struct_ops/cc_init", "struct_ops", "struct_ops", 524, "UNSUPPORTED_ATTACH_TYPE", "'bbr_like'", "", "registering struct_ops map 'bbr_like' failed"},
  {"struct_ops_eperm", "struct_ops/cc_init", "struct_ops", "struct_ops", EPERM, "CAPABILITY_FAILURE", "'bbr_like'", "CAP_SYS_ADMIN", "registering struct_ops map 'bbr_like' failed"},
};
// clang-format on

std::vector<ErrnoCase> errno_cases() {
  std::vector<ErrnoCase> cases;
  for (const Row& r : kRows) cases.push_back(make_case(r));
  return cases;
}

class AttachErrno : public ::testing::TestWithParam<ErrnoCase> {};

TEST_P(AttachErrno, GetsASpecificCodeNamingProgramAndAttachPoint) {
  const ErrnoCase& c = GetParam();
  ArtifactVerdict v =
      classify_artifact(artifact("a.bpf.o", {c.program}), &c.guest, Mode::kLoadAttach);
  ASSERT_EQ(v.programs.size(), 1u);
  const Verdict& p = v.programs[0].verdict;
  EXPECT_EQ(p.code, c.code);
  EXPECT_EQ(status_name(p.status), std::string(status_name(c.status)));
  EXPECT_FALSE(p.evidence.empty());
  EXPECT_FALSE(p.reason.empty());
  EXPECT_NE(p.remediation.find("'prog_x'"), std::string::npos) << p.remediation;
  EXPECT_NE(p.remediation.find(c.point), std::string::npos) << p.remediation;
  EXPECT_NE(p.remediation.find(c.remediation_has), std::string::npos) << p.remediation;
}

INSTANTIATE_TEST_SUITE_P(Table, AttachErrno, ::testing::ValuesIn(errno_cases()),
                         [](const ::testing::TestParamInfo<ErrnoCase>& param_info) {
                           return param_info.param.name;
                         });

// The validator's attach failures without an errno (libbpf returned NULL with errno 0) are the
// one UNKNOWN left: each is a bug to report.
TEST(AttachErrno, ZeroErrnoIsUnknownAndAsksForAReport) {
  auto g = guest(k612);
  auto p = failed_attach(program("prog_x", "kprobe/do_unlinkat", 2, "kprobe"), "auto", 0, "");
  ArtifactVerdict v = classify_artifact(artifact("a.bpf.o", {p}), &g, Mode::kLoadAttach);
  EXPECT_EQ(v.programs.at(0).verdict.code, "UNKNOWN");
  EXPECT_NE(v.programs.at(0).verdict.remediation.find("please report"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat::classify
