// `bpfcompat sweep` without booting: bad input is exit 64 before anything runs, and with a
// stand-in QEMU ($BPFCOMPAT_QEMU, tests/data/app/fake_qemu.sh) on a loopback EL9 repository of
// three stand-in builds: agreeing ends are "no change" after two boots, and candidates that end
// in ERROR are no verdict change — the sweep says so, stops and exits 1.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"
#include "support/http_server.h"
#include "support/rpm_fixture.h"
#include "support/run_bpfcompat.h"

namespace bpfcompat {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::run_bpfcompat;

class SweepCli : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::create("sweep-cli");
    ASSERT_TRUE(d);
    dir_ = std::make_unique<TempDir>(std::move(*d));
  }
  std::string path(const std::string& name) const { return dir_->path() + "/" + name; }
  void expect_usage_error(const testing::CliRun& run, const std::string& needle) const {
    EXPECT_EQ(run.exit_code, 64) << run.output;
    EXPECT_NE(run.output.find(needle), std::string::npos) << run.output;
    EXPECT_FALSE(fs::exists(path("work/sweeps")));
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(SweepCli, NeedsAProfileAndAnArtifact) {
  expect_usage_error(run_bpfcompat({"sweep", "--artifact", EXAMPLE_OBJECT}), "--profile");
  expect_usage_error(run_bpfcompat({"sweep", "--profile", "rocky-9"}), "--artifact");
}

TEST_F(SweepCli, AnUnknownProfileAndAMissingObjectAreReportedTogether) {
  auto run = run_bpfcompat({"sweep", "--profile", "rocky-99", "--artifact", path("nope.bpf.o"),
                            "--workdir", path("work")});
  expect_usage_error(run, "unknown profile 'rocky-99'");
  EXPECT_NE(run.output.find(path("nope.bpf.o")), std::string::npos) << run.output;
}

TEST_F(SweepCli, AProfileWithoutAnIndexIsRefused) {
  ASSERT_TRUE(write_file_atomic(path("vmlinuz"), "x"));
  ASSERT_TRUE(
      write_file_atomic(path("mine.yaml"), "id: mine\nkernel:\n  local: {vmlinuz: vmlinuz}\n"));
  expect_usage_error(run_bpfcompat({"sweep", "--profile", path("mine.yaml"), "--artifact",
                                    EXAMPLE_OBJECT, "--workdir", path("work")}),
                     "a sweep needs a kernel from an apt or rpm repository");
}

TEST_F(SweepCli, JsonIntoADirectoryIsRefusedBeforeTheIndexIsRead) {
  fs::create_directories(path("out"));
  expect_usage_error(run_bpfcompat({"sweep", "--profile", "rocky-9", "--artifact", EXAMPLE_OBJECT,
                                    "--json", path("out"), "--workdir", path("work")}),
                     "--json " + path("out") + ": is a directory");
}

TEST_F(SweepCli, HelpDocumentsTheRangeAllAndTheExitCodes) {
  auto run = run_bpfcompat({"sweep", "--help"});
  EXPECT_EQ(run.exit_code, 0);
  for (const char* s : {"--from", "--to", "--all", "--json", "--jobs", "Exit codes: 0 an answer"}) {
    EXPECT_NE(run.output.find(s), std::string::npos) << s << "\n" << run.output;
  }
}

// Three stand-in builds (6.1.0-99, -427.13.1, -500 .el9) served on 127.0.0.1; the fake QEMU's
// scenario is the profile's kernel_cmdline.
class SweepFakeQemu : public SweepCli {
 protected:
  void SetUp() override {
    SweepCli::SetUp();
    std::string root = std::string(BPFCOMPAT_BINARY_DIR) + "/tests/fixtures/sweep-cli";
    std::string mods = root + "/kernel/lib/modules/6.1.0-fake";
    // No module the validator loads (sch_ingress, cls_bpf): the stand-ins are not ELF files.
    fs::create_directories(mods + "/kernel/net/key");
    fs::create_directories(mods + "/kernel/net/extra");
    std::ofstream(root + "/kernel/vmlinuz") << "a stand-in bzImage\n";
    std::ofstream(mods + "/kernel/net/key/af_key.ko") << "af_key\n";
    std::ofstream(mods + "/kernel/net/extra/extra.ko") << "extra\n";
    std::string why;
    repos_ = testing::build_rpm_repos(
        {root + "/kernel/vmlinuz", mods, "6.1.0-99.el9 6.1.0-427.13.1.el9 6.1.0-500.el9",
         "kernel/net/key kernel/net/extra", "el9"},
        root + "/repos", &why);
    ASSERT_FALSE(repos_.empty()) << why;
    server_ = std::make_unique<testing::LoopbackHttpServer>(repos_, path("http.log"));
    ASSERT_FALSE(server_->url().empty()) << server_->error();
    setenv("BPFCOMPAT_QEMU", FAKE_QEMU, 1);
  }
  void TearDown() override { unsetenv("BPFCOMPAT_QEMU"); }

  testing::CliRun sweep(const std::string& scenario) {
    EXPECT_TRUE(write_file_atomic(
        path("el9-fake.yaml"),
        "id: el9-fake\nkernel:\n  rpm: {repo: " + server_->url() +
            "/el9/, package: kernel-core}\nkernel_cmdline: fake=" + scenario + "\n"));
    return run_bpfcompat({"sweep", "--profile", path("el9-fake.yaml"), "--artifact", EXAMPLE_OBJECT,
                          "--accel", "tcg", "--cache-dir", path("cache"), "--workdir", path("work"),
                          "--json", path("sweep.json")});
  }
  std::string repos_;
  std::unique_ptr<testing::LoopbackHttpServer> server_;
};

TEST_F(SweepFakeQemu, AgreeingEndsAreNoChangeAfterTwoBootsInOneRun) {
  auto run = sweep("flaky");  // every candidate passes on its second attempt
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("no change between 6.1.0-99.el9 and 6.1.0-500.el9: loads on both"),
            std::string::npos)
      << run.output;
  json s = json::parse(read_file(path("sweep.json")).value_or("null"));
  ASSERT_TRUE(s.is_object()) << run.output;
  EXPECT_EQ(s["candidates"], json({"6.1.0-99.el9", "6.1.0-427.13.1.el9", "6.1.0-500.el9"}));
  EXPECT_EQ(s["finding"], "no_change");
  EXPECT_EQ(s["boots"], 2);
  EXPECT_EQ(s["runs"].size(), 1u);
  EXPECT_TRUE(s["boundary"].is_null());
}

TEST_F(SweepFakeQemu, AnErrorIsNoVerdictChangeTheSweepSaysSoAndStops) {
  auto run = sweep("none");  // every boot ends without a result: NO_RESULT after the retry
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("a machine problem, not the object's verdict"), std::string::npos)
      << run.output;
  json s = json::parse(read_file(path("sweep.json")).value_or("null"));
  ASSERT_TRUE(s.is_object()) << run.output;
  EXPECT_EQ(s["finding"], "error");
  EXPECT_EQ(s["exit_code"], 1);
  EXPECT_EQ(s["runs"].size(), 1u) << "no step after the error";
  EXPECT_TRUE(s["changes"].empty());
  ASSERT_FALSE(s["tested"].empty());
  EXPECT_EQ(s["tested"][0]["status"], "error");
  EXPECT_NE(s["error"].get<std::string>().find("6.1.0-99.el9 ended in ERROR"), std::string::npos)
      << s.dump(2);
  json r = json::parse(read_file(s["runs"][0].get<std::string>()).value_or("null"));
  ASSERT_TRUE(r.is_object());
  EXPECT_EQ(r["targets"][0]["attempts"], 2) << "the run retried the boot once";
}

}  // namespace
}  // namespace bpfcompat
