// The orchestrator's reliability rules, without booting: a stand-in QEMU ($BPFCOMPAT_QEMU, see
// tests/data/app/fake_qemu.sh) panics or flakes, and the report must say what happened.
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"
#include "support/run_bpfcompat.h"

namespace bpfcompat {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class FakeQemu : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::create("retry-test");
    ASSERT_TRUE(d);
    dir_ = std::make_unique<TempDir>(std::move(*d));
    fs::create_directories(dir_->path() + "/k/6.1.0-fake");
    ASSERT_TRUE(write_file_atomic(dir_->path() + "/k/vmlinuz", "not a real kernel"));
    setenv("BPFCOMPAT_QEMU", FAKE_QEMU, 1);
  }
  void TearDown() override { unsetenv("BPFCOMPAT_QEMU"); }

  // Runs one profile whose kernel command line picks the fake's scenario; returns its target.
  json run_scenario(const std::string& scenario, int* exit_code) {
    std::string matrix = dir_->path() + "/m.yaml";
    EXPECT_TRUE(write_file_atomic(matrix,
                                  "name: fake\nprofiles:\n  - id: fake\n    distro: x\n"
                                  "    kernel:\n      local: {vmlinuz: k/vmlinuz, "
                                  "modules: k/6.1.0-fake}\n    kernel_cmdline: fake=" +
                                      scenario + "\n"));
    auto run = testing::run_bpfcompat({"test", "--artifact", EXAMPLE_OBJECT, "--matrix", matrix,
                                       "--accel", "tcg", "--workdir", dir_->path() + "/w", "--out",
                                       dir_->path() + "/r.json"});
    *exit_code = run.exit_code;
    auto text = read_file(dir_->path() + "/r.json");
    EXPECT_TRUE(text) << run.output;
    return text ? json::parse(*text)["targets"][0] : json();
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(FakeQemu, BootWithoutEndMarkerIsRetriedOnceAndReported) {
  int code = 0;
  json t = run_scenario("flaky", &code);
  EXPECT_EQ(code, 0);
  EXPECT_EQ(t["status"], "pass");
  EXPECT_EQ(t["attempts"], 2);
  EXPECT_EQ(t["retry_reason"], "the guest stopped without the end marker");
  // Evidence points at the attempt whose results the report shows.
  EXPECT_NE(t["evidence_files"]["serial_log"].get<std::string>().find("serial.attempt2.log"),
            std::string::npos);
}

TEST_F(FakeQemu, PanicWhileValidatingIsAKernelPanicVerdictWithTheConsoleLine) {
  int code = 0;
  json t = run_scenario("panic", &code);
  EXPECT_EQ(code, 2);
  EXPECT_EQ(t["status"], "fail");
  EXPECT_EQ(t["classification_code"], "KERNEL_PANIC");
  EXPECT_EQ(t["attempts"], 2);
  EXPECT_NE(t["evidence"].get<std::string>().find("Kernel panic - not syncing"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat
