// `kernel: apt:` in Ubuntu's layout, end to end: a loopback repository (tests/fixtures/apt-repo)
// whose jammy-updates wraps the real Debian 12 kernel in linux-image-unsigned-* (vmlinuz 0600),
// linux-modules-* and linux-modules-extra-* (net/sched and net/key as .ko.zst), served over HTTP
// on 127.0.0.1. Two boots: that Ubuntu-layout profile and the same kernel as a `local:` profile;
// the shipped examples must get the same verdicts on both.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/subprocess.h"
#include "bpfcompat/core/temp_dir.h"
#include "support/http_server.h"
#include "support/run_bpfcompat.h"
#include "support/test_kernel.h"

namespace bpfcompat {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const json* target_of(const json& report, const std::string& profile, const std::string& art) {
  for (const auto& t : report["targets"]) {
    if (t["profile_id"] == profile && t["artifact"] == art) return &t;
  }
  return nullptr;
}

TEST(UbuntuApt, UbuntuLayoutKernelGetsTheVerdictsOfTheDebianKernelItWraps) {
  std::string why;
  std::string vmlinuz = testing::test_kernel(&why);
  ASSERT_FALSE(vmlinuz.empty()) << why;
  fs::path tree = fs::path(vmlinuz).parent_path().parent_path();
  std::string release = fs::path(vmlinuz).filename().string().substr(8);  // "vmlinuz-"
  ASSERT_TRUE(fs::is_directory(tree / "lib/modules" / release)) << tree;

  std::string repo_dir = std::string(BPFCOMPAT_APT_FIXTURE_DIR) + "/real";
  auto built = run_captured({BPFCOMPAT_APT_FIXTURE_SCRIPT, repo_dir, tree.string()},
                            std::chrono::minutes(10));
  ASSERT_TRUE(built && built->status.code == 0) << (built ? built->output : built.error().message);

  auto d = TempDir::create("e2e-ubuntu-apt");
  ASSERT_TRUE(d);
  std::string dir = d->path();
  testing::LoopbackHttpServer server(repo_dir, dir + "/http.log");
  ASSERT_FALSE(server.url().empty()) << server.error();
  std::ofstream(dir + "/matrix.yaml")
      << "profiles:\n"
         "  - id: debian-12-local\n"
         "    kernel: {local: {vmlinuz: "
      << vmlinuz << ", modules: " << (tree / "lib/modules" / release).string()
      << "}}\n"
         "  - id: ubuntu-22.04-hwe\n"
         "    distro: ubuntu\n"
         "    version: \"22.04\"\n"
         "    kernel:\n"
         "      apt:\n"
         "        repo: "
      << server.url()
      << "\n"
         "        suites: [jammy, jammy-updates, jammy-security]\n"
         "        components: [main, restricted]\n"
         "        package: linux-image-generic-hwe-22.04\n";
  const std::vector<std::string> artifacts = {"ringbuf.bpf.o", "tc_pair.bpf.o",
                                              "module_target.bpf.o"};
  std::vector<std::string> args = {"test",         "--matrix",      dir + "/matrix.yaml",
                                   "--out",        dir + "/r.json", "--cache-dir",
                                   dir + "/cache", "--workdir",     dir + "/work"};
  for (const auto& a : artifacts) {
    args.insert(args.end(), {"--artifact", std::string(EXAMPLES_BUILD_DIR) + "/" + a});
  }
  auto run = testing::run_bpfcompat(args, std::chrono::minutes(20));
  auto text = read_file(dir + "/r.json");
  ASSERT_TRUE(text) << run.output;
  json report = json::parse(*text);
  EXPECT_EQ(run.exit_code, 0) << run.output;

  for (const auto& a : artifacts) {
    const json* debian = target_of(report, "debian-12-local", a);
    const json* ubuntu = target_of(report, "ubuntu-22.04-hwe", a);
    ASSERT_TRUE(debian && ubuntu) << a << "\n" << run.output;
    // examples/*/expected.yaml. tc_pair needs sch_ingress and cls_bpf, module_target af_key:
    // only linux-modules-extra-* has them, as .ko.zst.
    EXPECT_EQ((*ubuntu)["status"], "pass") << ubuntu->dump(2);
    EXPECT_EQ((*ubuntu)["status"], (*debian)["status"]) << a;
    EXPECT_EQ((*ubuntu)["classification_code"], (*debian)["classification_code"]) << a;
    EXPECT_EQ((*ubuntu)["host"]["kernel"], release) << ubuntu->dump(2);
    EXPECT_EQ((*ubuntu)["requested_kernel"],
              "apt jammy,jammy-updates,jammy-security/linux-image-generic-hwe-22.04 → "
              "linux-image-unsigned-6.1.0-30-generic 6.1.0-30.30");
  }
}

}  // namespace
}  // namespace bpfcompat
