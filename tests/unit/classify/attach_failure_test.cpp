// Attach failures after a successful load, in load_attach mode.
#include <gtest/gtest.h>

#include "attach_point.h"

#include "bpfcompat/classify/verdict.h"
#include "facts_builder.h"

namespace bpfcompat::classify {
namespace {

using namespace testing;  // NOLINT: the builders

struct AttachCase {
  std::string name;
  validation::ProgramResult program;
  validation::GuestFacts guest;
  std::string code;
  Confidence confidence;
  std::string evidence;
  std::string reason_has;
  std::string remediation_has;
};

validation::ProgramResult kprobe_multi() {
  auto p = program("trace_opens", "kprobe.multi/do_sys_open*", 2, "kprobe");
  p.expected_attach_type = 42;
  p.attach_type_name = "trace_kprobe_multi";
  return failed_attach(p, "auto", 95,
                       "libbpf: prog 'trace_opens': failed to attach: Operation not supported\n");
}

std::vector<AttachCase> attach_cases() {
  std::vector<AttachCase> cases;
  cases.push_back({"kprobe_multi_without_fprobe_on_6_1", kprobe_multi(),
                   guest("6.1.0-28-cloud-amd64"), "UNSUPPORTED_ATTACH_TYPE", Confidence::kHigh,
                   "libbpf: prog 'trace_opens': failed to attach: Operation not supported",
                   "cannot attach kprobe.multi/do_sys_open* (kprobe.multi, method auto)",
                   "lacks CONFIG_FPROBE"});
  cases.push_back({"kprobe_multi_before_5_18", kprobe_multi(), guest("5.15.0-126-generic"),
                   "UNSUPPORTED_ATTACH_TYPE", Confidence::kHigh,
                   "libbpf: prog 'trace_opens': failed to attach: Operation not supported",
                   "kprobe.multi", "kprobe.multi needs Linux 5.18"});
  cases.push_back(
      {"kprobe_function_gone",
       failed_attach(program("probe", "kprobe/do_unlinkat_v2", 2, "kprobe"), "auto", 2,
                     "libbpf: prog 'probe': failed to create kprobe 'do_unlinkat_v2+0x0' perf "
                     "event: No such file or directory\n"),
       guest("6.12.38+deb13-cloud-amd64"), "ATTACH_TARGET_NOT_FOUND", Confidence::kHigh,
       "libbpf: prog 'probe': failed to create kprobe 'do_unlinkat_v2+0x0' perf event: No such "
       "file or directory",
       "attach target do_unlinkat_v2", "available_filter_functions"});
  cases.push_back(
      {"tracepoint_missing",
       failed_attach(program("open", "tp/syscalls/sys_enter_open", 5, "tracepoint"), "auto", 2,
                     "libbpf: failed to determine tracepoint 'syscalls/sys_enter_open' perf event "
                     "ID: No such file or directory\nlibbpf: prog 'open': failed to create "
                     "tracepoint 'syscalls/sys_enter_open' perf event: No such file or "
                     "directory\n"),
       guest("6.1.0-28-cloud-amd64"), "ATTACH_TARGET_NOT_FOUND", Confidence::kHigh,
       "libbpf: prog 'open': failed to create tracepoint 'syscalls/sys_enter_open' perf event: No "
       "such file or directory",
       "syscalls/sys_enter_open", "tracepoint syscalls/sys_enter_open does not exist"});
  {
    auto p = program("tc_ingress", "tcx/ingress", 3, "sched_cls");
    p.expected_attach_type = 46;
    p.attach_type_name = "tcx_ingress";
    cases.push_back({"tcx_before_6_6", failed_attach(p, "tcx", 22, ""),
                     guest("6.1.0-28-cloud-amd64"), "UNSUPPORTED_ATTACH_TYPE", Confidence::kHigh,
                     "attach (tcx) failed: EINVAL", "(tcx, method tcx)", "tcx needs Linux 6.6"});
  }
  cases.push_back(
      {"tc_qdisc_unsupported",
       failed_attach(program("cls", "tc", 3, "sched_cls"), "tc", 95, "",
                     "creating the clsact qdisc on lo failed (module sch_ingress missing?)"),
       guest("6.1.0-28-cloud-amd64"), "UNSUPPORTED_ATTACH_TYPE", Confidence::kMedium,
       "creating the clsact qdisc on lo failed (module sch_ingress missing?)", "method tc",
       "use an attach point it supports"});
  cases.push_back({"attach_denied_by_lockdown",
                   failed_attach(program("p", "kprobe/do_sys_openat2", 2, "kprobe"), "auto", 1,
                                 "libbpf: prog 'p': failed to create kprobe 'do_sys_openat2+0x0' "
                                 "perf event: Operation not permitted\n"),
                   guest("6.1.0-28-amd64", "integrity"), "POLICY_DENIED", Confidence::kHigh,
                   "libbpf: prog 'p': failed to create kprobe 'do_sys_openat2+0x0' perf event: "
                   "Operation not permitted",
                   "denied (EPERM)", "lockdown (integrity)"});
  cases.push_back({"attach_denied_without_lockdown",
                   failed_attach(program("p", "kprobe/do_sys_openat2", 2, "kprobe"), "auto", 1, ""),
                   guest("6.1.0-28-amd64"), "CAPABILITY_FAILURE", Confidence::kMedium,
                   "attach (auto) failed: EPERM", "denied (EPERM)", "CAP_PERFMON"});
  cases.push_back({"iterator_read_enomem",
                   failed_attach(program("it", "iter/task", 26, "tracing"), "iter", 12, "",
                                 "reading the iterator failed"),
                   guest("6.1.0-28-cloud-amd64"), "ITERATOR_READ_FAILED", Confidence::kMedium,
                   "reading the iterator failed", "failed with ENOMEM", "ENOMEM"});
  return cases;
}

class AttachFailure : public ::testing::TestWithParam<AttachCase> {};

TEST_P(AttachFailure, FailsTheTargetWithCode) {
  const AttachCase& c = GetParam();
  ArtifactVerdict v =
      classify_artifact(artifact("a.bpf.o", {c.program}), &c.guest, Mode::kLoadAttach);
  ASSERT_EQ(v.programs.size(), 1u);
  const Verdict& p = v.programs[0].verdict;
  EXPECT_EQ(p.status, Status::kFail);
  EXPECT_EQ(p.code, c.code);
  EXPECT_EQ(std::string(confidence_name(p.confidence)), confidence_name(c.confidence));
  EXPECT_EQ(p.evidence, c.evidence);
  EXPECT_NE(p.reason.find(c.reason_has), std::string::npos) << p.reason;
  EXPECT_NE(p.remediation.find(c.remediation_has), std::string::npos) << p.remediation;
  EXPECT_EQ(v.target.status, Status::kFail);
}

INSTANTIATE_TEST_SUITE_P(Rules, AttachFailure, ::testing::ValuesIn(attach_cases()),
                         [](const ::testing::TestParamInfo<AttachCase>& param_info) {
                           return param_info.param.name;
                         });

TEST(AttachFailure, MissingTcModuleIsAGuestErrorNotAFailure) {
  auto g = guest("5.10.0-32-cloud-amd64");
  auto p = failed_attach(program("tc_ok", "tc", 3, "sched_cls"), "tc", 2,
                         "libbpf: Kernel error message: TC classifier not found\n",
                         "adding the bpf filter failed (module cls_bpf missing?)");
  ArtifactVerdict v = classify_artifact(artifact("tc.bpf.o", {p}), &g, Mode::kLoadAttach);
  EXPECT_EQ(v.target.status, Status::kError);
  EXPECT_EQ(v.target.code, "MISSING_KERNEL_MODULE");
  EXPECT_EQ(v.target.evidence, "libbpf: Kernel error message: TC classifier not found");
  EXPECT_NE(v.target.reason.find("module cls_bpf missing?"), std::string::npos);
}

TEST(AttachFailure, UnreadableTracefsIsAGuestErrorNotAMissingTarget) {
  auto g = guest("6.12.38+deb13-cloud-amd64");
  auto p = failed_attach(program("kmulti", "kprobe.multi/vfs_read", 2, "kprobe"), "auto", 2,
                         "libbpf: failed to open /sys/kernel/tracing/available_filter_functions: "
                         "-2\nlibbpf: prog 'kmulti': failed to attach: No such file or "
                         "directory\n");
  ArtifactVerdict v = classify_artifact(artifact("kmulti.bpf.o", {p}), &g, Mode::kLoadAttach);
  EXPECT_EQ(v.target.status, Status::kError);
  EXPECT_EQ(v.target.code, "ATTACH_TARGET_UNAVAILABLE");
}

TEST(AttachFailure, IgnoredInLoadOnlyMode) {
  auto g = guest("6.1.0-28-cloud-amd64");
  ArtifactVerdict v = classify_artifact(artifact("a.bpf.o", {kprobe_multi()}), &g, Mode::kLoadOnly);
  EXPECT_EQ(v.programs.at(0).verdict.status, Status::kPass);
  EXPECT_EQ(v.target.status, Status::kPass);
}

}  // namespace
}  // namespace bpfcompat::classify

namespace bpfcompat::classify {
namespace {

using namespace testing;  // NOLINT: the builders

// libbpf-tools' bashreadline: SEC("uretprobe/readline") names no binary; its loader attaches it
// to /bin/bash at run time, so libbpf's auto-attach refuses it (EINVAL) without asking the kernel.
TEST(AttachFailure, UprobeWithoutBinaryNeedsAnOutsideTarget) {
  auto g = guest("6.1.0-28-cloud-amd64");
  auto p = failed_attach(program("printret", "uretprobe/readline", 2, "kprobe"), "auto", 22,
                         "libbpf: prog 'printret': section 'uretprobe/readline' missing "
                         "':function[+offset]' specification\n");
  ArtifactVerdict v = classify_artifact(artifact("bashreadline.bpf.o", {p}), &g, Mode::kLoadAttach);
  const Verdict& pv = v.programs.at(0).verdict;
  EXPECT_EQ(pv.status, Status::kSkipped);
  EXPECT_NE(pv.reason.find("needs an outside target"), std::string::npos) << pv.reason;
  EXPECT_NE(pv.remediation.find("printret"), std::string::npos) << pv.remediation;
  EXPECT_EQ(v.target.status, Status::kSkipped);
}

TEST(PlaceholderTarget, LibbpfToolsPlaceholdersButNoRealFunction) {
  for (const char* name :
       {"dummy_file_read", "dummy_kprobe", "foo", "func", "__placeholder", "DUMMY", "stub"}) {
    EXPECT_TRUE(is_placeholder_target(name)) << name;
  }
  for (const char* name : {"do_unlinkat", "vfs_read", "func_info_show", "foobar_init",
                           "stub_execve", "fn_show", "dummycon_init"}) {
    EXPECT_FALSE(is_placeholder_target(name)) << name;
  }
}

}  // namespace
}  // namespace bpfcompat::classify
