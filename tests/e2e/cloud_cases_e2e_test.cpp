// Command and behavior cases in the cloud-image lane (one boot of the debootstrap fixture), a
// guest panic during a case, and `test-command` with our static loader in both lanes.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"
#include "cloud_fixture.h"
#include "report_json.h"
#include "support/run_bpfcompat.h"

namespace bpfcompat {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;
using testing::load_json;
using testing::str;
using testing::target;

// The cloud-image lane runs the same kinds of case: a command case per loader outcome and a
// behavior case, in one boot of the fixture.
TEST(CloudImageCases, CommandAndBehaviorCasesInOneBoot) {
  const auto f = testing::cloud_fixture();
  if (!f.why_missing.empty()) GTEST_SKIP() << f.why_missing;
  auto d = TempDir::create("e2e-cloud-cases");
  ASSERT_TRUE(d);
  std::string dir = d->path();
  testing::write_text(dir + "/matrix.yaml",
                      "profiles:\n" + testing::fixture_profile(f, "fixture-cloud"));
  std::string b = EXAMPLES_BUILD_DIR;
  std::string loader = b + "/bpfcompat-example-loader";
  testing::write_text(
      dir + "/suite.yaml",
      "name: cloud-cases\n"
      "defaults: {matrix: matrix.yaml}\n"
      "cases:\n"
      "  - name: loader-pass\n"
      "    artifact: " +
          b +
          "/bpf_loop.bpf.o\n"
          "    command: {run: '\"$BPFCOMPAT_BIN\" \"$BPFCOMPAT_ARTIFACT\"', binary: " +
          loader +
          "}\n"
          "  - name: loader-fail\n"
          "    artifact: " +
          b +
          "/kfunc_7x.bpf.o\n"
          "    command: {run: '\"$BPFCOMPAT_BIN\" \"$BPFCOMPAT_ARTIFACT\"', binary: " +
          loader +
          "}\n"
          "  - name: exec-marker\n"
          "    artifact: " +
          b +
          "/exec_marker.bpf.o\n"
          "    manifest: " EXAMPLES_SOURCE_DIR "/exec_marker/manifest.yaml\n");
  auto run =
      testing::run_bpfcompat({"suite", "--suite", dir + "/suite.yaml", "--out",
                              dir + "/report.json", "--workdir", dir + "/work", "--accel", "tcg"},
                             20min);
  json report = load_json(dir + "/report.json");
  ASSERT_FALSE(report.is_null()) << run.output;
  EXPECT_EQ(run.exit_code, 2) << run.output;
  const json* pass = target(report, "fixture-cloud", "loader-pass");
  const json* fail = target(report, "fixture-cloud", "loader-fail");
  const json* marker = target(report, "fixture-cloud", "exec-marker");
  ASSERT_TRUE(pass && fail && marker) << run.output;
  EXPECT_EQ((*pass)["status"], "pass") << str(*pass, "reason");
  EXPECT_EQ((*fail)["status"], "fail");
  EXPECT_EQ((*fail)["classification_code"], "COMMAND_VALIDATION_FAILURE");
  EXPECT_EQ((*fail)["command"]["exit_code"], 11);  // kfunc bpf_strlen is 6.17+: load fails
  EXPECT_EQ((*marker)["status"], "pass") << str(*marker, "reason");
  EXPECT_EQ((*marker)["functional"]["status"], "pass");
}

// `test-command` itself, with our static loader: the verdict is the loader's exit code, in the
// kernel lane (5.10 has no bpf_loop: exit 11; 6.1 loads it) and in the cloud-image lane (the
// fixture's 6.1 loads it; CloudImageCases has a loader that fails there with its exit code).
TEST(TestCommand, VerdictIsTheLoadersExitCodeInBothLanes) {
  auto d = TempDir::create("e2e-test-command");
  ASSERT_TRUE(d);
  std::string dir = d->path();
  std::string b = EXAMPLES_BUILD_DIR;
  std::string profiles = "profiles:\n  - id: debian-11\n  - id: debian-12\n";
  const auto f = testing::cloud_fixture();
  if (f.why_missing.empty()) profiles += testing::fixture_profile(f, "fixture-cloud");
  testing::write_text(dir + "/matrix.yaml", profiles);
  auto run_loader = [&](const std::string& object, const std::string& out) {
    return testing::run_bpfcompat(
        {"test-command", "--cmd", "\"$BPFCOMPAT_BIN\" \"$BPFCOMPAT_ARTIFACT\"", "--bin",
         b + "/bpfcompat-example-loader", "--artifact", b + "/" + object, "--matrix",
         dir + "/matrix.yaml", "--out", dir + "/" + out, "--workdir", dir + "/work", "--accel",
         "tcg"},
        20min);
  };
  auto loop = run_loader("bpf_loop.bpf.o", "loop.json");
  json report = load_json(dir + "/loop.json");
  ASSERT_FALSE(report.is_null()) << loop.output;
  EXPECT_EQ(loop.exit_code, 2) << loop.output;
  const json* old = target(report, "debian-11", "bpfcompat-example-loader");
  const json* cur = target(report, "debian-12", "bpfcompat-example-loader");
  ASSERT_TRUE(old && cur) << loop.output;
  EXPECT_EQ((*old)["status"], "fail");
  EXPECT_EQ(str(*old, "classification_code"), "COMMAND_VALIDATION_FAILURE");
  EXPECT_EQ((*old)["command"]["exit_code"], 11);
  EXPECT_EQ((*cur)["status"], "pass") << str(*cur, "reason");
  if (!f.why_missing.empty()) GTEST_SKIP() << "cloud-image half: " << f.why_missing;
  const json* cloud = target(report, "fixture-cloud", "bpfcompat-example-loader");
  ASSERT_TRUE(cloud) << loop.output;
  EXPECT_EQ((*cloud)["status"], "pass") << str(*cloud, "reason");
}

// A kernel panic in a cloud-image guest while a case runs is KERNEL_PANIC for that case, and the
// cases finished before it keep their verdicts (the result stream comes back as it is written).
TEST(CloudImageCases, GuestPanicDuringACaseIsKernelPanic) {
  const auto f = testing::cloud_fixture();
  if (!f.why_missing.empty()) GTEST_SKIP() << f.why_missing;
  auto d = TempDir::create("e2e-cloud-panic");
  ASSERT_TRUE(d);
  std::string dir = d->path();
  // Direct boot with panic=-1: the panicked kernel reboots, and -no-reboot ends QEMU at once.
  std::string boot = "    boot:\n      kernel: " + f.kernel + "\n      initrd: " + f.initrd +
                     "\n      cmdline: " + f.root_cmdline + " panic=-1\n";
  testing::write_text(dir + "/matrix.yaml",
                      "profiles:\n" + testing::fixture_profile(f, "fixture-panic", boot));
  testing::write_text(dir + "/suite.yaml",
                      "name: cloud-panic\n"
                      "defaults: {matrix: matrix.yaml}\n"
                      "cases:\n"
                      "  - name: before\n"
                      "    command: \"true\"\n"
                      "  - name: crash\n"
                      "    command: \"echo c > /proc/sysrq-trigger\"\n");
  auto run = testing::run_bpfcompat(
      {"suite", "--suite", dir + "/suite.yaml", "--out", dir + "/report.json", "--workdir",
       dir + "/work", "--accel", "tcg", "--timeout", "4m"},
      20min);
  json report = load_json(dir + "/report.json");
  ASSERT_FALSE(report.is_null()) << run.output;
  const json* before = target(report, "fixture-panic", "before");
  const json* crash = target(report, "fixture-panic", "crash");
  ASSERT_TRUE(before && crash) << run.output;
  EXPECT_EQ((*before)["status"], "pass") << str(*before, "reason");
  EXPECT_EQ(str(*crash, "classification_code"), "KERNEL_PANIC") << crash->dump();
}

}  // namespace
}  // namespace bpfcompat
