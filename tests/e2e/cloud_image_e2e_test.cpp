// The cloud-image lane end to end on the debootstrap fixture: same verdicts as the kernel lane
// on the same kernel, a tampered host key never gets the validator, a boot that never reaches
// SSH is a BOOT_TIMEOUT with triage, and signals leave no QEMU and no overlay behind.
#include <signal.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"
#include "bpfcompat/transport/ssh_keys.h"
#include "bpfcompat/vm/cloud_seed.h"
#include "cloud_fixture.h"
#include "report_json.h"
#include "support/qemu_processes.h"
#include "support/run_bpfcompat.h"

namespace bpfcompat {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;
using testing::cloud_fixture;
using testing::fixture_profile;
using testing::write_text;

#define REQUIRE_FIXTURE(f)         \
  const auto f = cloud_fixture();  \
  if (!f.why_missing.empty()) {    \
    GTEST_SKIP() << f.why_missing; \
  }

std::vector<std::string> example_objects() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(EXAMPLES_BUILD_DIR)) {
    std::string name = e.path().filename().string();
    if (name.size() > 6 && name.substr(name.size() - 6) == ".bpf.o") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Run {
  std::unique_ptr<TempDir> dir;
  testing::CliRun cli;
  json report;
};

Run run_matrix(const std::string& matrix_yaml, const std::vector<std::string>& artifacts,
               std::vector<std::string> extra = {}) {
  Run r;
  auto d = TempDir::create("e2e-cloud");
  EXPECT_TRUE(d);
  r.dir = std::make_unique<TempDir>(std::move(*d));
  write_text(r.dir->path() + "/matrix.yaml", matrix_yaml);
  std::vector<std::string> args = {"test",
                                   "--matrix",
                                   r.dir->path() + "/matrix.yaml",
                                   "--out",
                                   r.dir->path() + "/report.json",
                                   "--workdir",
                                   r.dir->path() + "/work",
                                   "--accel",
                                   "tcg"};
  for (const auto& a : artifacts) args.insert(args.end(), {"--artifact", a});
  args.insert(args.end(), extra.begin(), extra.end());
  r.cli = testing::run_bpfcompat(args, 20min);
  if (auto text = read_file(r.dir->path() + "/report.json")) r.report = json::parse(*text);
  return r;
}

using testing::target;

std::vector<std::string> files_named(const std::string& dir, const std::string& part) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::end(it); it.increment(ec)) {
    if (it->path().filename().string().find(part) != std::string::npos) out.push_back(it->path());
  }
  return out;
}

TEST(CloudImageLane, VerdictsEqualTheKernelLaneOnTheSameKernel) {
  REQUIRE_FIXTURE(f);
  auto artifacts = example_objects();
  ASSERT_FALSE(artifacts.empty());
  auto r = run_matrix("profiles:\n" + fixture_profile(f, "fixture-cloud") + "  - id: debian-12\n",
                      artifacts, {"--jobs", "2"});
  ASSERT_FALSE(r.report.is_null()) << r.cli.output;
  for (const auto& path : artifacts) {
    std::string name = fs::path(path).filename();
    // The kernel lane loads the module of a kprobe target (af_key); the cloud lane uses the
    // image's modules as they are (docs/user-guide.md), so this one example differs by design.
    if (name == "module_target.bpf.o") continue;
    const json* cloud = target(r.report, "fixture-cloud", name);
    const json* kernel = target(r.report, "debian-12", name);
    ASSERT_TRUE(cloud && kernel) << name << "\n" << r.cli.output;
    EXPECT_EQ((*cloud)["lane"], "cloud-image");
    EXPECT_EQ((*kernel)["lane"], "kernel");
    EXPECT_EQ((*cloud)["status"], (*kernel)["status"]) << name << ": " << (*cloud)["reason"];
    EXPECT_EQ((*cloud)["classification_code"], (*kernel)["classification_code"]) << name;
    EXPECT_EQ((*cloud)["host"]["kernel"], (*kernel)["host"]["kernel"]) << name;
  }
  std::string evidence = r.report["run_dir"].get<std::string>() + "/fixture-cloud";
  auto cmdline = read_file(evidence + "/qemu-cmdline.txt");
  ASSERT_TRUE(cmdline);
  EXPECT_NE(cmdline->find("hostfwd=tcp:127.0.0.1:"), std::string::npos);
  EXPECT_TRUE(files_named(r.dir->path(), "overlay").empty());
}

TEST(CloudImageGuards, TamperedHostKeyFailsBeforeTheValidatorIsSent) {
  REQUIRE_FIXTURE(f);
  auto d = TempDir::create("e2e-fake-seed");
  ASSERT_TRUE(d);
  auto client = transport::generate_ed25519_key("someone");
  auto other_host = transport::generate_ed25519_key("impostor");
  ASSERT_TRUE(client && other_host);
  vm::CloudSeedSpec seed{"impostor-1",
                         "impostor",
                         "debian",
                         client->public_line,
                         other_host->private_pem,
                         other_host->public_line,
                         ""};
  std::string seed_path = d->path() + "/seed.iso";
  ASSERT_TRUE(vm::write_cloud_seed(seed, seed_path));
  setenv("BPFCOMPAT_TEST_FAKE_SEED", seed_path.c_str(), 1);
  setenv("BPFCOMPAT_QEMU", BPFCOMPAT_SOURCE_DIR "/tests/data/e2e/qemu-swap-seed", 1);
  auto r = run_matrix("profiles:\n" + fixture_profile(f, "tampered"),
                      {std::string(EXAMPLES_BUILD_DIR) + "/ringbuf.bpf.o"});
  unsetenv("BPFCOMPAT_QEMU");
  ASSERT_FALSE(r.report.is_null()) << r.cli.output;
  const json* t = target(r.report, "tampered", "ringbuf.bpf.o");
  ASSERT_TRUE(t) << r.cli.output;
  EXPECT_EQ((*t)["status"], "error");
  EXPECT_EQ((*t)["classification_code"], "GUEST_HOST_KEY_MISMATCH") << t->dump();
  EXPECT_EQ((*t)["attempts"], 1);  // a mismatch is never retried
  EXPECT_EQ(r.cli.exit_code, 1);
  std::string evidence = r.report["run_dir"].get<std::string>() + "/tampered";
  EXPECT_TRUE(files_named(evidence, "validator").empty()) << "the guest got the validator";
}

TEST(CloudImageGuards, BootThatNeverReachesSshIsBootTimeoutWithTriage) {
  REQUIRE_FIXTURE(f);
  // The kernel starts but never finds its root file system.
  std::string boot = "    boot:\n      kernel: " + f.kernel + "\n      initrd: " + f.initrd +
                     "\n      cmdline: root=LABEL=no-such-root ro console=ttyS0 rootdelay=600\n";
  auto r = run_matrix("profiles:\n" + fixture_profile(f, "no-root", boot),
                      {std::string(EXAMPLES_BUILD_DIR) + "/ringbuf.bpf.o"}, {"--timeout", "25s"});
  ASSERT_FALSE(r.report.is_null()) << r.cli.output;
  const json* t = target(r.report, "no-root", "ringbuf.bpf.o");
  ASSERT_TRUE(t) << r.cli.output;
  EXPECT_EQ((*t)["classification_code"], "BOOT_TIMEOUT") << t->dump();
  std::string reason = (*t)["reason"];
  EXPECT_NE(reason.find("the boot got as far as: init"), std::string::npos) << reason;
  std::string tail = (*t)["console_tail"];
  EXPECT_NE(tail.find("Begin:"), std::string::npos) << tail;  // initramfs-tools, waiting
}

using testing::count_qemu;
using testing::wait_until;

void signal_during_boot(int sig) {
  REQUIRE_FIXTURE(f);
  auto d = TempDir::create("e2e-cloud-signals");
  ASSERT_TRUE(d);
  std::string dir = d->path();
  write_text(dir + "/matrix.yaml", "profiles:\n" + fixture_profile(f, "fixture-cloud"));
  std::vector<std::string> argv = {
      BPFCOMPAT_BIN, "test",
      "--matrix",    dir + "/matrix.yaml",
      "--artifact",  std::string(EXAMPLES_BUILD_DIR) + "/ringbuf.bpf.o",
      "--workdir",   dir + "/work",
      "--accel",     "tcg"};
  auto p = Subprocess::spawn(argv, SpawnOptions{dir + "/output.log", {}, false});
  ASSERT_TRUE(p);
  ASSERT_TRUE(wait_until([&] { return count_qemu(dir) > 0; }, 120s)) << "no QEMU started";
  std::this_thread::sleep_for(3s);  // well into the boot
  ASSERT_EQ(kill(p->pid(), sig), 0);
  auto status = p->wait_for(60s);
  ASSERT_TRUE(status);
  if (sig == SIGINT) {
    EXPECT_EQ(status->code, 130);
  }
  EXPECT_TRUE(wait_until([&] { return count_qemu(dir) == 0; }, 5s))
      << count_qemu(dir) << " QEMU process(es) outlived bpfcompat";
  EXPECT_TRUE(files_named(dir, "overlay").empty());
  EXPECT_TRUE(files_named(dir, "seed").empty());
}

TEST(CloudImageSignals, SigintLeavesNoQemuAndNoOverlay) {
  signal_during_boot(SIGINT);
}
TEST(CloudImageSignals, SigkillLeavesNoQemuAndNoOverlay) {
  signal_during_boot(SIGKILL);
}

}  // namespace
}  // namespace bpfcompat
