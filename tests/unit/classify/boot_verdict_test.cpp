#include <gtest/gtest.h>

#include "bpfcompat/classify/verdict.h"

namespace bpfcompat::classify {
namespace {

struct BootCase {
  std::string name;
  BootFacts facts;
  Status status;
  std::string code;
  std::string evidence;
  std::string reason_has;
};

const char* const kBootLines =
    "[    0.000000] Linux version 6.1.0-28-cloud-amd64 (debian-kernel@lists.debian.org)\n"
    "[    1.702311] Run /init as init process\n";

BootFacts facts(std::string console, std::string in_progress = "", bool timed_out = false) {
  BootFacts f;
  f.console_tail = std::move(console);
  f.artifact_in_progress = std::move(in_progress);
  f.timed_out = timed_out;
  f.qemu_exit_code = 0;
  return f;
}

std::vector<BootCase> boot_cases() {
  const std::string panic =
      "[    3.118204] Kernel panic - not syncing: Fatal exception in interrupt";
  const std::string oops =
      "[    2.904112] BUG: kernel NULL pointer dereference, address: 0000000000000008";
  const std::string gpf =
      "[    2.511902] general protection fault, probably for non-canonical address "
      "0xdead000000000122: 0000 [#1] PREEMPT SMP NOPTI";
  const std::string init =
      "[    2.301733] Kernel panic - not syncing: Attempted to kill init! exitcode=0x0000000b";
  return {
      {"panic_during_case", facts(kBootLines + oops + "\n" + panic + "\n", "crash.bpf.o"),
       Status::kFail, "KERNEL_PANIC", panic, "panicked while validating crash.bpf.o"},
      {"panic_during_boot", facts(kBootLines + panic + "\n"), Status::kError, "KERNEL_PANIC", panic,
       "before the validator finished"},
      {"oops_during_case",
       facts(kBootLines + oops + "\n[    2.904200] #PF: supervisor read\n", "crash.bpf.o"),
       Status::kFail, "KERNEL_OOPS", oops, "oopsed while validating crash.bpf.o"},
      {"gpf_during_boot", facts(kBootLines + gpf + "\n"), Status::kError, "KERNEL_OOPS", gpf,
       "before the validator finished"},
      {"init_died", facts(kBootLines + init + "\n", "weird.bpf.o"), Status::kError,
       "VALIDATOR_CRASHED", init, "crashed while validating weird.bpf.o"},
      {"debug_is_not_bug",
       facts(kBootLines + std::string("[    1.9] DEBUG: probe done\n"), "", true), Status::kError,
       "BOOT_TIMEOUT", "[    1.9] DEBUG: probe done", "did not finish within the timeout"},
      {"timeout_names_case", facts(kBootLines, "slow.bpf.o", true), Status::kError, "BOOT_TIMEOUT",
       "[    1.702311] Run /init as init process", "while validating slow.bpf.o"},
      {"no_result", facts(kBootLines), Status::kError, "NO_RESULT",
       "[    1.702311] Run /init as init process", "QEMU exited with code 0"},
  };
}

class ClassifyBoot : public ::testing::TestWithParam<BootCase> {};

TEST_P(ClassifyBoot, DecidesFromConsole) {
  const BootCase& c = GetParam();
  Verdict v = classify_boot(c.facts);
  EXPECT_EQ(v.status, c.status);
  EXPECT_EQ(v.code, c.code);
  EXPECT_EQ(v.evidence, c.evidence);
  EXPECT_NE(v.reason.find(c.reason_has), std::string::npos) << v.reason;
  EXPECT_FALSE(v.remediation.empty());
}

INSTANTIATE_TEST_SUITE_P(Console, ClassifyBoot, ::testing::ValuesIn(boot_cases()),
                         [](const ::testing::TestParamInfo<BootCase>& param_info) {
                           return param_info.param.name;
                         });

TEST(ClassifyBoot, CancelledIsInterrupted) {
  BootFacts f = facts(kBootLines);
  f.cancelled = true;
  Verdict v = classify_boot(f);
  EXPECT_EQ(v.status, Status::kError);
  EXPECT_EQ(v.code, "INTERRUPTED");
}

TEST(ClassifyBoot, QemuSignalIsNamed) {
  BootFacts f = facts("");
  f.qemu_signal = 9;
  Verdict v = classify_boot(f);
  EXPECT_EQ(v.code, "NO_RESULT");
  EXPECT_NE(v.reason.find("killed by signal 9"), std::string::npos);
}

TEST(InfrastructureVerdict, IsAnErrorWithGivenCode) {
  Verdict v = infrastructure_verdict("IMAGE_CHECKSUM_MISMATCH", "sha256 mismatch", "re-download");
  EXPECT_EQ(v.status, Status::kError);
  EXPECT_EQ(v.code, "IMAGE_CHECKSUM_MISMATCH");
  EXPECT_EQ(v.reason, "sha256 mismatch");
  EXPECT_EQ(v.remediation, "re-download");
}

TEST(VerdictNames, AreTheReportVocabulary) {
  EXPECT_STREQ(status_name(Status::kSkipped), "skipped");
  EXPECT_STREQ(mode_name(Mode::kLoadOnly), "load_only");
  EXPECT_STREQ(confidence_name(Confidence::kMedium), "medium");
}

}  // namespace
}  // namespace bpfcompat::classify
