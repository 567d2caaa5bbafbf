#include "bpfcompat/vm/accelerator.h"

#include <sys/stat.h>

#include <chrono>

#include <gtest/gtest.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"
#include "kvm_probe.h"

namespace bpfcompat::vm {
namespace {

using std::chrono::milliseconds;

TEST(Accelerator, ParsesKnownNamesCaseInsensitively) {
  struct Case {
    std::string text;
    Accel accel;
  };
  for (const Case& c :
       {Case{"auto", Accel::kAuto}, Case{"kvm", Accel::kKvm}, Case{"tcg", Accel::kTcg},
        Case{"TCG", Accel::kTcg}, Case{"Kvm", Accel::kKvm}}) {
    auto parsed = parse_accel(c.text);
    ASSERT_TRUE(parsed) << c.text;
    EXPECT_EQ(*parsed, c.accel) << c.text;
  }
}

TEST(Accelerator, RejectsUnknownNameWithHint) {
  for (const char* text : {"", "hvf", "kvm ", "tcg,tb-size=16"}) {
    auto parsed = parse_accel(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().kind, ErrorKind::kInvalidInput);
    EXPECT_NE(parsed.error().hint.find("auto, kvm, tcg"), std::string::npos);
  }
}

TEST(Accelerator, NamesRoundTrip) {
  for (Accel accel : {Accel::kAuto, Accel::kKvm, Accel::kTcg}) {
    EXPECT_EQ(*parse_accel(accel_name(accel)), accel);
  }
}

TEST(Accelerator, TcgRequestedNeedsNoProbe) {
  // A QEMU that does not exist proves no probe ran.
  auto choice = choose_accelerator(Accel::kTcg, "/nonexistent/qemu");
  ASSERT_TRUE(choice);
  EXPECT_EQ(choice->accel, Accel::kTcg);
  EXPECT_FALSE(choice->reason.empty());
}

TEST(Accelerator, AutoFallsBackToTcgWhenQemuCannotRun) {
  auto choice = choose_accelerator(Accel::kAuto, "/nonexistent/qemu");
  ASSERT_TRUE(choice);
  EXPECT_EQ(choice->accel, Accel::kTcg);
  EXPECT_TRUE(choice->kvm_unusable);
  EXPECT_NE(tcg_fallback_warning(*choice).find("using TCG"), std::string::npos);
}

// What a host with a broken /dev/kvm makes QEMU print: an assertion, then a register dump.
constexpr const char* kBrokenKvmQemu = R"(#!/bin/sh
echo "qemu-system-x86_64: ../../accel/kvm/kvm-all.c:1781: kvm_irqchip_commit_routes: Assertion \`ret == 0' failed." >&2
echo "RAX=0000000000000000 RBX=0000000000000000 RCX=0000000000000000" >&2
echo "Code=00 00 00 <00> 00 00" >&2
kill -ABRT $$
)";

TEST(KvmProbe, AssertionDumpBecomesOneLineWarningAndTheRawTextIsKept) {
  auto dir = TempDir::create("bpfcompat-accel-test");
  ASSERT_TRUE(dir);
  std::string qemu = dir->path() + "/qemu-system-x86_64";
  ASSERT_TRUE(write_file_atomic(qemu, kBrokenKvmQemu));
  ASSERT_EQ(chmod(qemu.c_str(), 0755), 0);

  ProbeOutcome outcome = probe_kvm(qemu, "/dev/null");  // a device that opens: QEMU runs
  EXPECT_FALSE(outcome.usable);
  EXPECT_EQ(outcome.reason,
            "/dev/null exists but a test guest failed under kvm: qemu was killed by signal 6 "
            "(Aborted): ../../accel/kvm/kvm-all.c:1781: kvm_irqchip_commit_routes: Assertion "
            "`ret == 0' failed.");
  EXPECT_NE(outcome.qemu_output.find("Code=00 00 00 <00>"), std::string::npos);

  AccelChoice choice{Accel::kTcg, outcome.reason, true, outcome.qemu_output};
  std::string warning = tcg_fallback_warning(choice);
  EXPECT_EQ(warning, "KVM unusable here (" + outcome.reason + "); using TCG — slower");
  EXPECT_EQ(warning.find('\n'), std::string::npos);
  EXPECT_EQ(warning.find("RAX="), std::string::npos);
}

TEST(KvmProbe, FailureDescriptionIsTheFirstLineOfOutput) {
  ProbeRun run{false, ExitStatus{1, 0}, "\nqemu-system-x86_64: -accel kvm: failed\nmore\n"};
  EXPECT_EQ(describe_probe_failure(run), "qemu exited with status 1: -accel kvm: failed");
  ProbeRun long_line{false, ExitStatus{-1, 6}, std::string(300, 'x') + "\nRAX=0\n"};
  std::string said = describe_probe_failure(long_line);
  EXPECT_EQ(said, "qemu was killed by signal 6 (Aborted): " + std::string(97, 'x') + "...");
  ProbeRun missing{false, ExitStatus{127, 0}, ""};
  EXPECT_EQ(describe_probe_failure(missing),
            "qemu could not be executed (exit status 127: is it installed?)");
}

TEST(Accelerator, KvmRequestedButUnusableIsAnInfrastructureError) {
  auto choice = choose_accelerator(Accel::kKvm, "/nonexistent/qemu");
  ASSERT_FALSE(choice);
  EXPECT_EQ(choice.error().kind, ErrorKind::kInfrastructure);
  EXPECT_NE(choice.error().message.find("kvm"), std::string::npos);
}

TEST(KvmProbe, MissingDeviceIsUnusableWithReason) {
  ProbeOutcome outcome = probe_kvm("qemu-system-x86_64", "/nonexistent/kvm");
  EXPECT_FALSE(outcome.usable);
  EXPECT_NE(outcome.reason.find("/nonexistent/kvm does not exist"), std::string::npos);
}

TEST(KvmProbe, ProbeFirmwareExitsQemuWithKnownStatusUnderTcg) {
  // The firmware itself must be right, or the KVM probe would always fail: check it under TCG.
  auto run = run_probe_guest("qemu-system-x86_64", {"-accel", "tcg"}, milliseconds(10000));
  ASSERT_TRUE(run);
  EXPECT_FALSE(run->timed_out);
  EXPECT_EQ(run->status.code, kProbeGuestExitCode) << run->output;
  EXPECT_TRUE(run->guest_ran());
}

TEST(KvmProbe, AutoOnThisMachineDecidesWithinTenSecondsAndSaysWhy) {
  auto start = std::chrono::steady_clock::now();
  auto choice = choose_accelerator(Accel::kAuto, "qemu-system-x86_64");
  auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(choice);
  EXPECT_NE(choice->accel, Accel::kAuto);
  EXPECT_FALSE(choice->reason.empty());
  EXPECT_LT(took, std::chrono::seconds(10));
  RecordProperty("reason", choice->reason);
}

}  // namespace
}  // namespace bpfcompat::vm
