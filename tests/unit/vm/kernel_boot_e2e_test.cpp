// Boots a real kernel ($BPFCOMPAT_TEST_KERNEL, else Debian 12's, fetched into the cache) with a
// stand-in /init: the whole kernel-lane path (initramfs, argv, supervision, result channel) under
// the chosen accel.
#include <cstdlib>

#include <gtest/gtest.h>

#include "bpfcompat/core/temp_dir.h"
#include "bpfcompat/vm/accelerator.h"
#include "bpfcompat/vm/initramfs.h"
#include "bpfcompat/vm/kernel_boot.h"
#include "support/test_kernel.h"

namespace bpfcompat::vm {
namespace {

using std::chrono::milliseconds;

class KernelBootE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    std::string kernel = testing::test_kernel(&why);
    if (kernel.empty()) GTEST_SKIP() << why;
    auto d = TempDir::create("kernel-boot-e2e");
    ASSERT_TRUE(d);
    dir_.emplace(std::move(*d));
    // BPFCOMPAT_ACCEL=tcg skips the KVM probe (3 s per test process on a host with a broken KVM).
    const char* env_accel = std::getenv("BPFCOMPAT_ACCEL");
    auto requested = parse_accel(env_accel != nullptr ? env_accel : "auto");
    ASSERT_TRUE(requested);
    auto accel = choose_accelerator(*requested, request_.qemu.binary);
    ASSERT_TRUE(accel);
    request_.qemu.accel = accel->accel;
    request_.qemu.kernel = kernel;
    request_.qemu.initrd = dir_->path() + "/initrd";
    request_.qemu.console_log = dir_->path() + "/serial.log";
    request_.qemu.results_path = dir_->path() + "/results.jsonl";
    request_.qemu_log = dir_->path() + "/qemu.log";
    request_.timeout = milliseconds(120000);
  }

  BootOutcome boot(const std::string& mode) {
    InitramfsSpec spec;
    spec.validator = BPFCOMPAT_TEST_INIT;
    spec.args = {mode};
    EXPECT_TRUE(build_initramfs(spec, request_.qemu.initrd));
    auto outcome = boot_kernel(request_);
    EXPECT_TRUE(outcome);
    if (!outcome) return {};
    RecordProperty("duration_ms", static_cast<int>(outcome->duration.count()));
    return *outcome;
  }

  std::optional<TempDir> dir_;
  BootRequest request_;
};

TEST_F(KernelBootE2e, EndRecordArrivesOnSecondUartAndStopsTheVm) {
  BootOutcome outcome = boot("end");
  EXPECT_TRUE(outcome.end_marker) << outcome.console_tail;
  EXPECT_NE(outcome.results.find("\"type\":\"hello\",\"mode\":\"end\""), std::string::npos)
      << outcome.results;
  EXPECT_FALSE(outcome.timed_out);
}

TEST_F(KernelBootE2e, PoweroffFromInitEndsQemu) {
  BootOutcome outcome = boot("poweroff");
  EXPECT_FALSE(outcome.end_marker);
  EXPECT_FALSE(outcome.timed_out);
  EXPECT_EQ(outcome.qemu_exit.code, 0) << outcome.console_tail;
  EXPECT_NE(outcome.results.find("\"mode\":\"poweroff\""), std::string::npos);
}

TEST_F(KernelBootE2e, KernelPanicEndsQemuAndShowsOnTheConsole) {
  BootOutcome outcome = boot("panic");
  EXPECT_FALSE(outcome.end_marker);
  EXPECT_FALSE(outcome.timed_out);
  EXPECT_NE(outcome.console_tail.find("Kernel panic"), std::string::npos) << outcome.console_tail;
}

}  // namespace
}  // namespace bpfcompat::vm
