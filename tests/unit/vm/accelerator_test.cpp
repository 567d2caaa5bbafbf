#include "bpfcompat/vm/accelerator.h"

#include <chrono>

#include <gtest/gtest.h>

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
  EXPECT_NE(choice->reason.find("TCG"), std::string::npos) << choice->reason;
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
  EXPECT_EQ(run->status.code, kProbeGuestExitCode) << run->last_output_line;
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
