// `bpfcompat sweep` on a loopback rpm-md repository in the EL9 layout holding three kernel builds:
// the Debian 11 kernel (5.10) wrapped as 5.10.0-284.el9 and the Debian 12 kernel (6.1) wrapped as
// 6.1.0-427.el9 and 6.1.0-503.el9. bpf_loop.bpf.o fails on 5.10 (UNSUPPORTED_HELPER) and passes
// on 6.1, so the bisection boots both ends, then the middle: three boots in two runs, and the
// boundary is 5.10.0-284.el9 → 6.1.0-427.el9. And Ctrl-C during a step: exit 130, a report, no
// QEMU.
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/subprocess.h"
#include "bpfcompat/core/temp_dir.h"
#include "bpfcompat/sources/kernel_source.h"
#include "report_json.h"
#include "support/http_server.h"
#include "support/qemu_processes.h"
#include "support/rpm_fixture.h"
#include "support/run_bpfcompat.h"
#include "wrapped_kernel.h"

namespace bpfcompat {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The EL9 repository of one built-in Debian kernel wrapped as `versions`; "" and *why on failure.
std::string wrapped_el9(const std::string& debian, const std::string& versions, std::string* why) {
  sources::Cache cache(sources::Cache::default_root());
  auto kernel = sources::prepare_kernel(cache, *config::find_builtin_profile(debian));
  if (!kernel) {
    *why = "no " + debian + " kernel to wrap: " + kernel.error().describe();
    return {};
  }
  std::string out = testing::fixture_root() + "/sweep-el9-" + kernel->release;
  return testing::build_rpm_repos(
      {kernel->vmlinuz, kernel->modules_root, versions, "kernel/net/sched kernel/net/key", "el9"},
      out, why);
}

// One repository holding the packages of both wrapped kernels, indexed by createrepo_c.
std::string merged_repo(const std::vector<std::string>& repos, const std::string& dir,
                        std::string* why) {
  fs::path packages = fs::path(dir) / "el9" / "Packages";
  fs::create_directories(packages);
  for (const auto& r : repos) {
    for (const auto& e : fs::directory_iterator(fs::path(r) / "el9" / "Packages")) {
      fs::create_symlink(e.path(), packages / e.path().filename());
    }
  }
  auto run = run_captured({"createrepo_c", "--quiet", "--no-database", (fs::path(dir) / "el9")},
                          std::chrono::minutes(2));
  if (!run || run->status.code != 0) {
    *why = run ? run->output : run.error().describe();
    return {};
  }
  return dir;
}

// The three-build repository served on 127.0.0.1 and a profile file naming it.
struct SweepRepo {
  std::unique_ptr<TempDir> dir;
  std::unique_ptr<testing::LoopbackHttpServer> server;
  std::string profile;
  std::string skip;  // why there is no kernel to wrap
};

void serve_three_builds(SweepRepo& r) {
  std::string why;
  std::string old_repo = wrapped_el9("debian-11", "5.10.0-284.el9", &why);
  if (old_repo.empty() && why.rfind("no debian-11", 0) == 0) {
    r.skip = why;
    return;
  }
  ASSERT_FALSE(old_repo.empty()) << why;
  std::string new_repo = wrapped_el9("debian-12", "6.1.0-427.el9 6.1.0-503.el9", &why);
  ASSERT_FALSE(new_repo.empty()) << why;
  auto d = TempDir::create("e2e-sweep");
  ASSERT_TRUE(d);
  r.dir = std::make_unique<TempDir>(std::move(*d));
  std::string dir = r.dir->path();
  std::string www = merged_repo({old_repo, new_repo}, dir + "/www", &why);
  ASSERT_FALSE(www.empty()) << why;
  r.server = std::make_unique<testing::LoopbackHttpServer>(www, dir + "/http.log");
  ASSERT_FALSE(r.server->url().empty()) << r.server->error();
  r.profile = dir + "/el9-sweep.yaml";
  std::ofstream(r.profile) << "id: el9-sweep\n"
                              "distro: almalinux\n"
                              "version: \"9\"\n"
                              "kernel:\n"
                              "  rpm: {repo: "
                           << r.server->url() << "/el9/, package: kernel-core}\n";
}

TEST(Sweep, BisectsAnEl9RepositoryToTheFirstBuildThatLoads) {
  SweepRepo repo;
  serve_three_builds(repo);
  if (!repo.skip.empty()) GTEST_SKIP() << repo.skip;
  ASSERT_FALSE(repo.profile.empty());
  std::string dir = repo.dir->path();
  std::string profile = repo.profile;
  std::string artifact = std::string(EXAMPLES_BUILD_DIR) + "/bpf_loop.bpf.o";

  // A range the index does not reach: refused before any boot, naming what it offers.
  auto empty = testing::run_bpfcompat({"sweep", "--profile", profile, "--artifact", artifact,
                                       "--from", "7.0-1.el9", "--workdir", dir + "/work"});
  EXPECT_EQ(empty.exit_code, 64) << empty.output;
  EXPECT_NE(empty.output.find("5.10.0-284.el9, 6.1.0-427.el9, 6.1.0-503.el9"), std::string::npos)
      << empty.output;
  EXPECT_FALSE(fs::exists(dir + "/work/sweeps")) << "nothing booted, nothing written";

  auto run = testing::run_bpfcompat({"sweep", "--profile", profile, "--artifact", artifact,
                                     "--workdir", dir + "/work", "--json", dir + "/sweep.json"},
                                    std::chrono::minutes(20));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("loads from 6.1.0-427.el9 on; fails on 5.10.0-284.el9 and older "
                            "(UNSUPPORTED_HELPER"),
            std::string::npos)
      << run.output;
  json s = testing::load_json(dir + "/sweep.json");
  ASSERT_TRUE(s.is_object()) << run.output;
  EXPECT_EQ(s["candidates"], json({"5.10.0-284.el9", "6.1.0-427.el9", "6.1.0-503.el9"}));
  EXPECT_EQ(s["strategy"], "bisect");
  EXPECT_EQ(s["finding"], "boundary");
  EXPECT_EQ(s["boundary"]["before"]["version"], "5.10.0-284.el9");
  EXPECT_EQ(s["boundary"]["before"]["status"], "fail");
  EXPECT_EQ(s["boundary"]["before"]["code"], "UNSUPPORTED_HELPER");
  EXPECT_EQ(s["boundary"]["before"]["detail"], "UNSUPPORTED_HELPER bpf_loop");
  EXPECT_EQ(s["boundary"]["after"]["version"], "6.1.0-427.el9");
  EXPECT_EQ(s["boundary"]["after"]["status"], "pass");
  EXPECT_EQ(s["boots"], 3);
  EXPECT_EQ(s["exit_code"], 0);

  // The boots, counted in the run reports themselves: the two ends in one run, then the middle.
  ASSERT_EQ(s["runs"].size(), 2u) << s.dump(2);
  std::set<std::string> booted;
  std::size_t targets = 0;
  for (const auto& path : s["runs"]) {
    json r = testing::load_json(path.get<std::string>());
    ASSERT_TRUE(r.is_object()) << path;
    for (const auto& t : r["targets"]) {
      ++targets;
      booted.insert(testing::str(t, "profile_id"));
      EXPECT_EQ(t["attempts"], 1) << t.dump(2);
    }
  }
  EXPECT_EQ(targets, 3u);
  EXPECT_EQ(booted, (std::set<std::string>{"el9-sweep@5.10.0-284.el9", "el9-sweep@6.1.0-427.el9",
                                           "el9-sweep@6.1.0-503.el9"}));
  ASSERT_EQ(s["tested"].size(), 3u);
  EXPECT_EQ(s["tested"][0]["observed_kernel"].get<std::string>().rfind("5.10.", 0), 0u);
  EXPECT_EQ(s["tested"][1]["observed_kernel"].get<std::string>().rfind("6.1.", 0), 0u);
  EXPECT_EQ(s["tested"][1]["step"], 2);
  for (const auto& t : s["tested"]) {
    EXPECT_TRUE(fs::exists(t["run_report"].get<std::string>())) << t.dump(2);
  }
  auto schema = run_captured(
      {"python3", "-c",
       "import json,sys,jsonschema;"
       "jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate("
       "json.load(open(sys.argv[2])))",
       std::string(BPFCOMPAT_SOURCE_DIR) + "/docs/sweep-schema.json", dir + "/sweep.json"},
      std::chrono::seconds(30));
  ASSERT_TRUE(schema);
  EXPECT_EQ(schema->status.code, 0) << schema->output;
  // sweep.json in the sweep's own directory too, the same report.
  json in_dir = testing::load_json(s["sweep_dir"].get<std::string>() + "/sweep.json");
  EXPECT_EQ(in_dir, s);
}

// Ctrl-C during the first step: its VMs are stopped, the sweep still writes its report (no
// answer, interrupted) and exits 130; no QEMU is left.
TEST(Sweep, SigintStopsTheSweepWith130AndLeavesNoQemu) {
  SweepRepo repo;
  serve_three_builds(repo);
  if (!repo.skip.empty()) GTEST_SKIP() << repo.skip;
  ASSERT_FALSE(repo.profile.empty());
  std::string dir = repo.dir->path();
  auto p = Subprocess::spawn({BPFCOMPAT_BIN, "sweep", "--profile", repo.profile, "--artifact",
                              std::string(EXAMPLES_BUILD_DIR) + "/bpf_loop.bpf.o", "--workdir",
                              dir + "/work", "--json", dir + "/sweep.json"},
                             SpawnOptions{dir + "/output.log", {}, false});
  ASSERT_TRUE(p);
  ASSERT_TRUE(
      testing::wait_until([&] { return testing::count_qemu(dir) > 0; }, std::chrono::minutes(5)))
      << "no QEMU started";
  ASSERT_EQ(kill(p->pid(), SIGINT), 0);
  auto status = p->wait_for(std::chrono::seconds(60));
  ASSERT_TRUE(status) << "bpfcompat did not stop after SIGINT";
  EXPECT_EQ(status->code, 130);
  EXPECT_EQ(testing::count_qemu(dir), 0);
  json s = testing::load_json(dir + "/sweep.json");
  ASSERT_TRUE(s.is_object()) << read_file(dir + "/output.log").value_or("");
  EXPECT_TRUE(s["interrupted"].get<bool>());
  EXPECT_EQ(s["exit_code"], 130);
  EXPECT_EQ(s["runs"].size(), 1u) << "no step after the interruption";
  EXPECT_NE(s["finding"], "boundary");
}

}  // namespace
}  // namespace bpfcompat
