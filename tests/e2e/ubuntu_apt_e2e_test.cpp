// `kernel: apt:` in Ubuntu's layout, end to end: a loopback repository (tests/fixtures/apt-repo)
// whose jammy-updates wraps the real Debian 12 kernel in linux-image-unsigned-* (vmlinuz 0600),
// linux-modules-* and linux-modules-extra-* (net/sched and net/key as .ko.zst), served over HTTP
// on 127.0.0.1. Two boots: that Ubuntu-layout profile and the same kernel as a `local:` profile;
// the shipped examples must get the same verdicts on both.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/subprocess.h"
#include "bpfcompat/core/temp_dir.h"
#include "report_json.h"
#include "support/http_server.h"
#include "wrapped_kernel.h"

namespace bpfcompat {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The debian-12 kernel tree the fixture wraps, and the fixture built from it (once).
struct WrappedKernel {
  testing::KernelToWrap kernel;
  std::string repo_dir;
};

WrappedKernel build_fixture() {
  WrappedKernel k;
  k.kernel = testing::kernel_to_wrap();
  EXPECT_TRUE(k.kernel.why_missing.empty()) << k.kernel.why_missing;
  if (!k.kernel.why_missing.empty()) return k;
  k.repo_dir = std::string(BPFCOMPAT_APT_FIXTURE_DIR) + "/real";
  auto built = run_captured({BPFCOMPAT_APT_FIXTURE_SCRIPT, k.repo_dir, k.kernel.tree},
                            std::chrono::minutes(10));
  EXPECT_TRUE(built && built->status.code == 0) << (built ? built->output : built.error().message);
  return k;
}

TEST(UbuntuApt, UbuntuLayoutKernelGetsTheVerdictsOfTheDebianKernelItWraps) {
  WrappedKernel k = build_fixture();
  ASSERT_FALSE(::testing::Test::HasFailure());

  auto d = TempDir::create("e2e-ubuntu-apt");
  ASSERT_TRUE(d);
  std::string dir = d->path();
  testing::LoopbackHttpServer server(k.repo_dir, dir + "/http.log");
  ASSERT_FALSE(server.url().empty()) << server.error();
  std::string matrix =
      "profiles:\n"
      "  - id: debian-12-local\n"
      "    kernel: {local: {vmlinuz: " +
      k.kernel.vmlinuz + ", modules: " + k.kernel.modules_dir +
      "}}\n"
      "  - id: ubuntu-22.04-hwe\n"
      "    distro: ubuntu\n"
      "    version: \"22.04\"\n"
      "    kernel:\n"
      "      apt:\n"
      "        repo: " +
      server.url() +
      "\n"
      "        suites: [jammy, jammy-updates, jammy-security]\n"
      "        components: [main, restricted]\n"
      "        package: linux-image-generic-hwe-22.04\n";
  const std::vector<std::string> artifacts = {"ringbuf.bpf.o", "tc_pair.bpf.o",
                                              "module_target.bpf.o"};
  auto [run, report] = testing::run_examples_on_matrix(
      dir, "ubuntu", matrix, artifacts, std::chrono::minutes(20), {"--cache-dir", dir + "/cache"});
  ASSERT_TRUE(report.is_object()) << run.output;
  EXPECT_EQ(run.exit_code, 0) << run.output;

  for (const auto& a : artifacts) {
    const json* debian = testing::target(report, "debian-12-local", a);
    const json* ubuntu = testing::target(report, "ubuntu-22.04-hwe", a);
    ASSERT_TRUE(debian && ubuntu) << a << "\n" << run.output;
    // examples/*/expected.yaml. tc_pair needs sch_ingress and cls_bpf, module_target af_key:
    // only linux-modules-extra-* has them, as .ko.zst.
    EXPECT_EQ((*ubuntu)["status"], "pass") << ubuntu->dump(2);
    EXPECT_EQ((*ubuntu)["status"], (*debian)["status"]) << a;
    EXPECT_EQ((*ubuntu)["classification_code"], (*debian)["classification_code"]) << a;
    EXPECT_EQ((*ubuntu)["host"]["kernel"], k.kernel.release) << ubuntu->dump(2);
    EXPECT_EQ((*ubuntu)["requested_kernel"],
              "apt jammy,jammy-updates,jammy-security/linux-image-generic-hwe-22.04 → "
              "linux-image-unsigned-6.1.0-30-generic 6.1.0-30.30");
    // Which vendor kernel it is, as typed fields: the profile's distro and version, the package
    // the meta package led to, and the release read from that package (the one that booted).
    EXPECT_EQ((*ubuntu)["distro"], "ubuntu") << ubuntu->dump(2);
    EXPECT_EQ((*ubuntu)["distro_version"], "22.04");
    EXPECT_EQ((*ubuntu)["kernel_package"], "linux-image-unsigned-6.1.0-30-generic");
    EXPECT_EQ((*ubuntu)["kernel_package_version"], "6.1.0-30.30");
    EXPECT_EQ((*ubuntu)["kernel_release"], k.kernel.release);
    // Unpinned, the newest of the three suites' images: latest, never stale.
    EXPECT_EQ((*ubuntu)["freshness"], json({{"newest_version", "6.1.0-30.30"},
                                            {"latest", true},
                                            {"pinned", false},
                                            {"stale", false}}))
        << ubuntu->dump(2);
    // A local kernel has a release but no distro, no package and no index to be fresh against.
    EXPECT_EQ((*debian)["kernel_release"], k.kernel.release) << debian->dump(2);
    for (const char* absent : {"distro", "distro_version", "kernel_package", "freshness"}) {
      EXPECT_FALSE(debian->contains(absent)) << absent;
    }
  }
  // The stdout summary names the distro beside the profile.
  EXPECT_NE(run.output.find("ubuntu-22.04-hwe  Ubuntu 22.04"), std::string::npos) << run.output;
}

// No boot: a pin no image matches is the target's error, KERNEL_UNAVAILABLE, naming the versions.
TEST(UbuntuApt, PinMatchingNothingIsKernelUnavailableListingTheVersions) {
  WrappedKernel k = build_fixture();
  ASSERT_FALSE(::testing::Test::HasFailure());
  auto d = TempDir::create("e2e-ubuntu-apt-pin");
  ASSERT_TRUE(d);
  std::string dir = d->path();
  testing::LoopbackHttpServer server(k.repo_dir, dir + "/http.log");
  ASSERT_FALSE(server.url().empty()) << server.error();
  auto [run, report] = testing::run_examples_on_matrix(
      dir, "pinned",
      "profiles:\n"
      "  - id: ubuntu-pinned\n"
      "    kernel:\n"
      "      apt: {repo: \"" +
          server.url() +
          "\", suites: [jammy, jammy-updates, jammy-security], components: [main, restricted], "
          "package: linux-image-generic-hwe-22.04, version: 5.15.0-*}\n",
      {"ringbuf.bpf.o"}, std::chrono::minutes(5), {"--cache-dir", dir + "/cache"});
  ASSERT_TRUE(report.is_object()) << run.output;
  EXPECT_NE(run.exit_code, 0) << run.output;
  const json* t = testing::target(report, "ubuntu-pinned", "ringbuf.bpf.o");
  ASSERT_TRUE(t) << run.output;
  EXPECT_EQ((*t)["status"], "error") << t->dump(2);
  EXPECT_EQ((*t)["classification_code"], "KERNEL_UNAVAILABLE") << t->dump(2);
  std::string reason = (*t)["reason"];
  for (const char* v : {"'5.15.0-*'", "6.1.0-10.10", "6.1.0-20.20", "6.1.0-30.30"}) {
    EXPECT_NE(reason.find(v), std::string::npos) << v << " in " << reason;
  }
  EXPECT_FALSE(fs::exists(dir + "/cache/kernels")) << "nothing extracted";
}

}  // namespace
}  // namespace bpfcompat
