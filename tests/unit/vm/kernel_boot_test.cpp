#include "bpfcompat/vm/kernel_boot.h"

#include <csignal>
#include <functional>

#include <gtest/gtest.h>

#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"

namespace bpfcompat::vm {
namespace {

using std::chrono::milliseconds;

// Boots tests/data/vm/fake_qemu.sh, which acts out the behaviour named by `fake=` in -append.
class KernelBootTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::create("kernel-boot-test");
    ASSERT_TRUE(d);
    dir_.emplace(std::move(*d));
    ASSERT_TRUE(write_file_atomic(path("vmlinuz"), "kernel"));
    ASSERT_TRUE(write_file_atomic(path("initrd"), "initrd"));
    request_.qemu.binary = BPFCOMPAT_TEST_DATA "/vm/fake_qemu.sh";
    request_.qemu.kernel = path("vmlinuz");
    request_.qemu.initrd = path("initrd");
    request_.qemu.console_log = path("serial.log");
    request_.qemu.results_path = path("results.jsonl");
    request_.qemu_log = path("qemu.log");
    request_.timeout = milliseconds(20000);
  }
  void TearDown() override { reset_cancellation(); }

  std::string path(const std::string& name) const { return dir_->path() + "/" + name; }

  BootOutcome boot(const std::string& behaviour) {
    request_.qemu.append = "fake=" + behaviour;
    auto outcome = boot_kernel(request_);
    EXPECT_TRUE(outcome) << (outcome ? "" : outcome.error().describe());
    return outcome ? *outcome : BootOutcome{};
  }

  // The fake writes its pid next to the results; it must be gone once boot_kernel returns.
  bool fake_still_running() {
    auto pid = read_file(path("results.jsonl.pid"));
    return pid && kill(std::stoi(*pid), 0) == 0;
  }

  std::optional<TempDir> dir_;
  BootRequest request_;
};

TEST_F(KernelBootTest, EndMarkerStopsQemuAtOnce) {
  BootOutcome outcome = boot("end");
  EXPECT_TRUE(outcome.end_marker);
  EXPECT_FALSE(outcome.timed_out);
  EXPECT_FALSE(outcome.cancelled);
  EXPECT_EQ(outcome.results, "{\"type\":\"hello\"}\n{\"type\":\"end\"}\n");
  EXPECT_LT(outcome.duration, milliseconds(10000));  // the fake would sleep 30 s
  EXPECT_FALSE(fake_still_running());
}

TEST_F(KernelBootTest, QemuExitWithoutEndMarkerKeepsItsStatus) {
  BootOutcome outcome = boot("exit");
  EXPECT_FALSE(outcome.end_marker);
  EXPECT_FALSE(outcome.timed_out);
  EXPECT_EQ(outcome.qemu_exit.code, 7);
  EXPECT_EQ(outcome.results, "{\"type\":\"hello\"}\n");
}

TEST_F(KernelBootTest, TimeoutKillsAHungGuest) {
  request_.timeout = milliseconds(300);
  BootOutcome outcome = boot("hang");
  EXPECT_TRUE(outcome.timed_out);
  EXPECT_FALSE(outcome.end_marker);
  EXPECT_GE(outcome.duration, milliseconds(300));
  EXPECT_LT(outcome.duration, milliseconds(10000));
  EXPECT_FALSE(fake_still_running());
}

TEST_F(KernelBootTest, CancellationStopsTheBoot) {
  request_cancellation(SIGINT);
  BootOutcome outcome = boot("hang");
  EXPECT_TRUE(outcome.cancelled);
  EXPECT_FALSE(outcome.timed_out);
  EXPECT_FALSE(fake_still_running());
}

TEST_F(KernelBootTest, StaleResultsAreNotMistakenForThisBoot) {
  ASSERT_TRUE(write_file_atomic(path("results.jsonl"), "{\"type\":\"end\"}\n"));
  request_.timeout = milliseconds(300);
  BootOutcome outcome = boot("hang");
  EXPECT_FALSE(outcome.end_marker);
  EXPECT_TRUE(outcome.timed_out);
}

TEST_F(KernelBootTest, ConsoleTailHoldsTheLast64LinesWithoutCarriageReturns) {
  BootOutcome outcome = boot("console");
  EXPECT_EQ(outcome.console_tail.rfind("console line 37\n", 0), 0u) << outcome.console_tail;
  EXPECT_EQ(std::count(outcome.console_tail.begin(), outcome.console_tail.end(), '\n'), 64);
  EXPECT_EQ(outcome.console_tail.find('\r'), std::string::npos);
}

TEST_F(KernelBootTest, RecordsArgvAndQemuOutput) {
  BootOutcome outcome = boot("exit");
  EXPECT_EQ(outcome.argv, build_qemu_args(request_.qemu));
  EXPECT_EQ(*read_file(path("qemu.log")), "fake qemu starting\n");
}

TEST_F(KernelBootTest, UnstartableQemuIsAnError) {
  struct Case {
    std::string what;
    std::function<void(BootRequest&)> change;
  };
  for (const Case& c : {Case{"binary", [](BootRequest& r) { r.qemu.binary = "no-such-qemu"; }},
                        Case{"kernel", [](BootRequest& r) { r.qemu.kernel = "/nonexistent"; }},
                        Case{"initrd", [](BootRequest& r) { r.qemu.initrd = "/nonexistent"; }},
                        Case{"results", [](BootRequest& r) { r.qemu.results_path.clear(); }}}) {
    BootRequest request = request_;
    c.change(request);
    EXPECT_FALSE(boot_kernel(request)) << c.what;
  }
}

}  // namespace
}  // namespace bpfcompat::vm
