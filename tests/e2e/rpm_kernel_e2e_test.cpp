// The kernel lane on a kernel from an rpm-md repository: the Debian 12 kernel wrapped by rpmbuild
// + createrepo_c in the EL9 layout (kernel-core with lib/modules/REL/vmlinuz, kernel-modules-core
// with .ko.xz modules), served over HTTP on 127.0.0.1, booted beside the Debian kernel it wraps:
// two boots, the same verdicts, and the report names the rpm source.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/temp_dir.h"
#include "bpfcompat/sources/kernel_source.h"
#include "report_json.h"
#include "support/http_server.h"
#include "support/rpm_fixture.h"
#include "support/run_bpfcompat.h"

namespace bpfcompat {
namespace {

using nlohmann::json;

std::string fixture_root() {
  if (const char* env = std::getenv("BPFCOMPAT_FIXTURE_CACHE"); env && *env) return env;
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  std::string cache = xdg && *xdg ? xdg : std::string(home ? home : "/tmp") + "/.cache";
  return cache + "/bpfcompat/fixtures";
}

TEST(RpmKernelLane, El9WrappedDebianKernelGivesTheDebianVerdicts) {
  sources::Cache cache(sources::Cache::default_root());
  auto debian = config::find_builtin_profile("debian-12");
  ASSERT_TRUE(debian);
  auto kernel = sources::prepare_kernel(cache, *debian);
  if (!kernel) GTEST_SKIP() << "no debian-12 kernel to wrap: " << kernel.error().describe();
  ASSERT_FALSE(kernel->modules_root.empty());
  std::string why;
  std::string repos = testing::build_rpm_repos(
      // af_key (kernel-modules-core) needs xfrm_algo (kernel-modules): module_target loads both.
      {kernel->vmlinuz, kernel->modules_root, "6.1.0-427.el9",
       "kernel/net/key kernel/net/xfrm kernel/net/sched", "el9"},
      fixture_root() + "/rpm-repos-" + kernel->release, &why);
  ASSERT_FALSE(repos.empty()) << why;

  auto d = TempDir::create("e2e-rpm");
  ASSERT_TRUE(d);
  std::string dir = d->path();
  auto server = testing::LoopbackHttpServer::start(repos, dir + "/port");
  ASSERT_TRUE(server);
  std::string repo = server->url() + "/el9/";
  std::ofstream(dir + "/matrix.yaml") << "profiles:\n"
                                         "  - debian-12\n"
                                         "  - id: el9-wrapped\n"
                                         "    distro: almalinux\n"
                                         "    version: \"9\"\n"
                                         "    kernel:\n"
                                         "      rpm: {repo: "
                                      << repo << ", package: kernel-core}\n";
  std::vector<std::string> artifacts = {"ringbuf.bpf.o", "module_target.bpf.o"};
  std::vector<std::string> args = {"test",       "--matrix",           dir + "/matrix.yaml",
                                   "--out",      dir + "/report.json", "--workdir",
                                   dir + "/work"};
  for (const auto& a : artifacts) {
    args.insert(args.end(), {"--artifact", std::string(EXAMPLES_BUILD_DIR) + "/" + a});
  }
  auto run = testing::run_bpfcompat(args, std::chrono::minutes(20));
  json report = testing::load_json(dir + "/report.json");
  ASSERT_TRUE(report.is_object()) << run.output;
  EXPECT_EQ(run.exit_code, 0) << run.output;

  for (const auto& a : artifacts) {
    const json* deb = testing::target(report, "debian-12", a);
    const json* rpm = testing::target(report, "el9-wrapped", a);
    ASSERT_TRUE(deb && rpm) << a << "\n" << run.output;
    EXPECT_EQ(testing::str(*rpm, "status"), testing::str(*deb, "status")) << a;
    EXPECT_EQ(testing::str(*rpm, "status"), "pass") << a << "\n" << rpm->dump(2);
    EXPECT_EQ(testing::str(*rpm, "code"), testing::str(*deb, "code")) << a;
    EXPECT_EQ(testing::str(*rpm, "requested_kernel"),
              "rpm kernel-core from " + repo + " → kernel-core 6.1.0-427.el9")
        << a;
    EXPECT_EQ((*rpm)["host"]["kernel"], kernel->release) << a;
    EXPECT_EQ((*rpm)["host"]["kernel"], (*deb)["host"]["kernel"]) << a;
  }
}

}  // namespace
}  // namespace bpfcompat
