// The kernel lane on a kernel from an rpm-md repository: the Debian 12 kernel wrapped by rpmbuild
// + createrepo_c in the EL9 layout (kernel-core with lib/modules/REL/vmlinuz, kernel-modules-core
// with .ko.xz modules), served over HTTP on 127.0.0.1, booted beside the Debian kernel it wraps:
// two boots, the same verdicts, and the report names the rpm source. And the Amazon Linux 2
// layout (one kernel rpm, boot/vmlinuz-REL, plain .ko modules) through a mirrorlist: one boot.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

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

// The debian-12 kernel and the loopback repositories wrapping it (el9, al2).
struct Wrapped {
  std::optional<sources::PreparedKernel> kernel;
  std::string repos;
  std::string skip;  // why there is no kernel to wrap
};

Wrapped wrapped_debian_12() {
  Wrapped w;
  sources::Cache cache(sources::Cache::default_root());
  auto debian = config::find_builtin_profile("debian-12");
  auto kernel = sources::prepare_kernel(cache, *debian);
  if (!kernel) {
    w.skip = "no debian-12 kernel to wrap: " + kernel.error().describe();
    return w;
  }
  w.kernel = *kernel;
  std::string why;
  // af_key (kernel-modules-core) needs xfrm_algo (kernel-modules): module_target loads both.
  w.repos = testing::build_rpm_repos({kernel->vmlinuz, kernel->modules_root, "6.1.0-427.el9",
                                      "kernel/net/key kernel/net/xfrm kernel/net/sched", "el9 al2"},
                                     fixture_root() + "/rpm-repos-" + kernel->release, &why);
  EXPECT_FALSE(w.repos.empty()) << why;
  return w;
}

TEST(RpmKernelLane, El9WrappedDebianKernelGivesTheDebianVerdicts) {
  Wrapped w = wrapped_debian_12();
  if (!w.skip.empty()) GTEST_SKIP() << w.skip;
  ASSERT_FALSE(w.repos.empty());
  const sources::PreparedKernel* kernel = &*w.kernel;
  std::string repos = w.repos;

  auto d = TempDir::create("e2e-rpm");
  ASSERT_TRUE(d);
  std::string dir = d->path();
  testing::LoopbackHttpServer server(repos, dir + "/http.log");
  ASSERT_FALSE(server.url().empty()) << server.error();
  std::string repo = server.url() + "/el9/";
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

TEST(RpmKernelLane, AmazonLinux2LayoutBootsFromBootVmlinuz) {
  Wrapped w = wrapped_debian_12();
  if (!w.skip.empty()) GTEST_SKIP() << w.skip;
  ASSERT_FALSE(w.repos.empty());
  auto d = TempDir::create("e2e-rpm-al2");
  ASSERT_TRUE(d);
  std::string dir = d->path();
  std::string www = dir + "/www";
  std::filesystem::create_directories(www);
  std::filesystem::create_directory_symlink(w.repos + "/al2", www + "/al2");
  testing::LoopbackHttpServer server(www, dir + "/http.log");
  ASSERT_FALSE(server.url().empty()) << server.error();
  // Through a mirrorlist, as Amazon Linux 2 publishes its repositories.
  std::ofstream(www + "/mirror.list") << server.url() << "/al2\n";
  std::ofstream(dir + "/matrix.yaml") << "profiles:\n"
                                         "  - id: al2-wrapped\n"
                                         "    kernel:\n"
                                         "      rpm: {mirrorlist: "
                                      << server.url() << "/mirror.list, package: kernel}\n";
  auto run = testing::run_bpfcompat(
      {"test", "--matrix", dir + "/matrix.yaml", "--out", dir + "/report.json", "--workdir",
       dir + "/work", "--artifact", std::string(EXAMPLES_BUILD_DIR) + "/module_target.bpf.o"},
      std::chrono::minutes(10));
  json report = testing::load_json(dir + "/report.json");
  ASSERT_TRUE(report.is_object()) << run.output;
  EXPECT_EQ(run.exit_code, 0) << run.output;
  const json* t = testing::target(report, "al2-wrapped", "module_target.bpf.o");
  ASSERT_TRUE(t) << run.output;
  // examples/module_target/expected.yaml: pass on debian-12, the kernel wrapped here.
  EXPECT_EQ(testing::str(*t, "status"), "pass") << t->dump(2);
  EXPECT_EQ(testing::str(*t, "requested_kernel"),
            "rpm kernel from " + server.url() + "/mirror.list → kernel 5.10.230-223.885.amzn2");
  EXPECT_EQ((*t)["host"]["kernel"], w.kernel->release);
}

}  // namespace
}  // namespace bpfcompat
