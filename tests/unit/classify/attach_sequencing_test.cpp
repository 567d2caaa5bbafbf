// Attaches the validator had to sequence, and fentry EBUSY on a function ftrace cannot patch:
// what the verdicts say about them.
#include <cerrno>

#include <gtest/gtest.h>

#include "bpfcompat/classify/verdict.h"
#include "bpfcompat/core/file_io.h"
#include "facts_builder.h"

namespace bpfcompat::classify {
namespace {

using namespace testing;  // NOLINT: the builders

validation::ProgramResult xdp(const char* name) {
  auto p = program(name, "xdp", 6, "xdp");
  p.attach.method = "xdp";
  return p;
}

TEST(AttachSequencing, ProgramAttachedAlonePassesAndSaysSo) {
  auto g = guest("6.12.38+deb13-cloud-amd64");
  auto second = xdp("xdp_pass");
  second.attach.isolated = true;
  second.attach.note = "xdp on lo holds one program at a time: attached alone";
  ArtifactVerdict v = classify_artifact(artifact("d.bpf.o", {xdp("xdp_dispatcher"), second}), &g,
                                        Mode::kLoadAttach);
  EXPECT_EQ(v.target.status, Status::kPass);
  EXPECT_TRUE(v.target.code.empty());
  EXPECT_EQ(v.target.reason,
            "2 of 2 programs loaded and attached, 1 of them alone (they share an attach point "
            "that holds one program at a time)");
  EXPECT_TRUE(v.programs.at(0).verdict.reason.empty());
  EXPECT_EQ(v.programs.at(1).verdict.status, Status::kPass);
  EXPECT_EQ(v.programs.at(1).verdict.reason,
            "attached alone: xdp on lo holds one program at a time: attached alone");
}

TEST(AttachSequencing, LoadOnlyModeSaysNothingAboutAttaches) {
  auto g = guest("6.12.38+deb13-cloud-amd64");
  auto second = xdp("xdp_pass");
  second.attach.isolated = true;
  ArtifactVerdict v =
      classify_artifact(artifact("d.bpf.o", {xdp("a"), second}), &g, Mode::kLoadOnly);
  EXPECT_EQ(v.target.reason, "2 of 2 programs loaded");
  EXPECT_TRUE(v.programs.at(1).verdict.reason.empty());
}

validation::ProgramResult fentry_ebusy(std::optional<bool> traceable) {
  auto p = failed_attach(program("handle_start", "fentry/blk_account_io_start", 26, "tracing"),
                         "auto", EBUSY,
                         "libbpf: prog 'handle_start': failed to attach: Device or resource busy");
  p.attach.target_traceable = traceable;
  return p;
}

TEST(AttachSequencing, FentryEbusyOnAFunctionFtraceCannotPatchIsNotTraceable) {
  auto g = guest("6.12.38+deb13-cloud-amd64");
  ArtifactVerdict v =
      classify_artifact(artifact("biosnoop.bpf.o", {fentry_ebusy(false)}), &g, Mode::kLoadAttach);
  const Verdict& p = v.programs.at(0).verdict;
  EXPECT_EQ(p.status, Status::kFail);
  EXPECT_EQ(p.code, "ATTACH_TARGET_NOT_TRACEABLE");
  EXPECT_EQ(p.confidence, Confidence::kHigh);  // the guest looked it up
  EXPECT_NE(p.reason.find("blk_account_io_start is not in available_filter_functions"),
            std::string::npos)
      << p.reason;
  for (const char* has : {"'handle_start'", "SEC(\"kprobe/blk_account_io_start\")",
                          "bpf_program__set_autoload", "available_filter_functions", "EBUSY"}) {
    EXPECT_NE(p.remediation.find(has), std::string::npos) << has << ": " << p.remediation;
  }
}

TEST(AttachSequencing, FentryEbusyOnATraceableOrUncheckedFunctionIsABusyTrampoline) {
  auto g = guest("6.12.38+deb13-cloud-amd64");
  for (std::optional<bool> traceable : {std::optional<bool>(true), std::optional<bool>()}) {
    ArtifactVerdict v = classify_artifact(artifact("biosnoop.bpf.o", {fentry_ebusy(traceable)}), &g,
                                          Mode::kLoadAttach);
    EXPECT_EQ(v.programs.at(0).verdict.code, "TRAMPOLINE_BUSY");
  }
}

TEST(AttachSequencing, NotTraceableFactAloneDoesNotChangeOtherErrnos) {
  auto g = guest("6.12.38+deb13-cloud-amd64");
  auto p = fentry_ebusy(false);
  p.attach.err = ENOMEM;
  ArtifactVerdict v = classify_artifact(artifact("x.bpf.o", {p}), &g, Mode::kLoadAttach);
  EXPECT_EQ(v.programs.at(0).verdict.code, "ATTACH_RESOURCE_LIMIT");
}

// Recorded on Debian 13 (6.12.117) under TCG: libxdp's dispatcher (xdp-tools 1.3.1) and
// libbpf-tools' biostacks (0.26.0), whose fentry targets are in the BTF but not ftrace-able.
validation::ValidatorRun debian13_sample() {
  auto text =
      read_file(std::string(BPFCOMPAT_TEST_DATA) + "/validation/debian13-attach-sequencing.jsonl");
  EXPECT_TRUE(text);
  auto run = validation::parse_validator_output(text ? *text : "");
  EXPECT_TRUE(run);
  return run ? *run : validation::ValidatorRun{};
}

TEST(AttachSequencing, RealLibxdpDispatcherPassesOnDebian13WithXdpPassAlone) {
  auto run = debian13_sample();
  ArtifactVerdict v = classify_artifact(run.artifacts.at(0), &*run.hello, Mode::kLoadAttach);
  EXPECT_EQ(v.target.status, Status::kPass);
  ASSERT_EQ(v.programs.size(), 2u);
  EXPECT_EQ(v.programs[1].program, "xdp_pass");
  EXPECT_NE(v.programs[1].verdict.reason.find("with 'xdp_dispatcher' detached"), std::string::npos)
      << v.programs[1].verdict.reason;
}

TEST(AttachSequencing, RealBiostacksFentryEbusyOnDebian13IsNotTraceable) {
  auto run = debian13_sample();
  ArtifactVerdict v = classify_artifact(run.artifacts.at(1), &*run.hello, Mode::kLoadAttach);
  EXPECT_EQ(v.target.code, "ATTACH_TARGET_NOT_TRACEABLE");
  EXPECT_EQ(v.programs.at(0).verdict.code, "ATTACH_TARGET_NOT_TRACEABLE");  // blk_account_io_start
  EXPECT_EQ(v.programs.at(1).verdict.code, "ATTACH_TARGET_NOT_FOUND");      // a kprobe, inlined
  EXPECT_EQ(v.programs.at(2).verdict.code, "ATTACH_TARGET_NOT_TRACEABLE");  // blk_account_io_done
}

}  // namespace
}  // namespace bpfcompat::classify
