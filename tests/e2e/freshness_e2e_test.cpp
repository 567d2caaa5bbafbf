// Freshness end to end, one boot: an EL9 rpm-md repository (tests/fixtures/build-rpm-repos)
// holding two builds of the real Debian 12 kernel, 6.1.0-427.el9 and 6.1.0-503.el9, and a profile
// pinned to the older one. The boot passes; the report says the pin is stale, naming the newer
// build, and with --fail-on-stale the run exits 3. The same report without the flag, read back by
// `report merge`, exits 0: the flag alone changes the code.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"
#include "support/http_server.h"
#include "support/rpm_fixture.h"
#include "wrapped_kernel.h"

namespace bpfcompat {
namespace {

using nlohmann::json;

TEST(Freshness, PinToTheOlderOfTwoBuildsIsStaleAndFailOnStaleExitsThree) {
  testing::KernelToWrap kernel = testing::kernel_to_wrap();
  if (!kernel.why_missing.empty()) GTEST_SKIP() << kernel.why_missing;
  std::string why;
  std::string repos = testing::build_rpm_repos(
      {kernel.vmlinuz, kernel.modules_dir, "6.1.0-427.el9 6.1.0-503.el9", "kernel/net/sched",
       "el9"},
      testing::fixture_root() + "/rpm-repos-two-builds-" + kernel.release, &why);
  ASSERT_FALSE(repos.empty()) << why;

  auto d = TempDir::create("e2e-freshness");
  ASSERT_TRUE(d);
  std::string dir = d->path();
  testing::LoopbackHttpServer server(repos, dir + "/http.log");
  ASSERT_FALSE(server.url().empty()) << server.error();
  std::string matrix =
      "profiles:\n"
      "  - id: el9-pinned\n"
      "    distro: almalinux\n"
      "    version: \"9\"\n"
      "    kernel:\n"
      "      rpm: {repo: " +
      server.url() + "/el9/, package: kernel-core, version: \"6.1.0-427.*\"}\n";
  auto [run, report] = testing::run_examples_on_matrix(
      dir, "pinned", matrix, {"ringbuf.bpf.o"}, std::chrono::minutes(10),
      {"--fail-on-stale", "--markdown", dir + "/r.md", "--junit", dir + "/r.xml"});
  ASSERT_TRUE(report.is_object()) << run.output;
  const json* t = testing::target(report, "el9-pinned", "ringbuf.bpf.o");
  ASSERT_TRUE(t) << run.output;
  // examples/ringbuf/expected.yaml: pass on debian-12, the kernel both builds wrap.
  EXPECT_EQ(testing::str(*t, "status"), "pass") << t->dump(2);
  EXPECT_EQ(testing::str(*t, "kernel_package_version"), "6.1.0-427.el9");
  EXPECT_EQ((*t)["freshness"], json({{"newest_version", "6.1.0-503.el9"},
                                     {"latest", false},
                                     {"pinned", true},
                                     {"stale", true}}))
      << t->dump(2);
  EXPECT_EQ(run.exit_code, 3) << run.output;
  EXPECT_EQ(report["exit_code"], 3);
  EXPECT_EQ(report["status"], "stale");
  EXPECT_EQ(report["fail_on_stale"], true);
  const std::string sentence = "el9-pinned is pinned to 6.1.0-427.el9; the index has 6.1.0-503.el9";
  EXPECT_NE(run.output.find("stale: " + sentence), std::string::npos) << run.output;
  auto md = read_file(dir + "/r.md");
  ASSERT_TRUE(md);
  EXPECT_NE(md->find(sentence + " — fails the run"), std::string::npos) << *md;
  EXPECT_NE(md->find("el9-pinned<br>AlmaLinux 9 · " + kernel.release), std::string::npos) << *md;
  auto xml = read_file(dir + "/r.xml");
  ASSERT_TRUE(xml);
  EXPECT_NE(xml->find("<property name=\"kernel_stale\" value=\"true\"/>"), std::string::npos);

  // Without the flag the same report exits 0: report merge (of it as shard 1/1) recomputes the
  // code from the file.
  report.erase("fail_on_stale");
  report["shard"] = {{"index", 1}, {"count", 1}};
  std::ofstream(dir + "/no-flag.json") << report.dump();
  auto merged = testing::run_bpfcompat(
      {"report", "merge", dir + "/no-flag.json", "--out", dir + "/merged.json"});
  EXPECT_EQ(merged.exit_code, 0) << merged.output;
  EXPECT_NE(merged.output.find("stale: " + sentence), std::string::npos) << merged.output;
}

}  // namespace
}  // namespace bpfcompat
