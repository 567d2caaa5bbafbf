// The kernel lane on kernels from rpm-md repositories: the Debian 12 kernel wrapped by rpmbuild
// + createrepo_c in the vendors' layouts, served over HTTP on 127.0.0.1. One run boots debian-12
// beside the kernel it wraps in the EL9 layout (kernel-core with lib/modules/REL/vmlinuz,
// kernel-modules-core and kernel-modules with .ko.xz), the EL8 layout (kernel-core with vmlinuz
// and every module as .ko.xz) and the SUSE layout (kernel-default, boot/vmlinuz-REL, .ko.zst):
// four boots, the same verdicts, each report naming its rpm source, and the module-needing case
// loading its compressed modules. And the Amazon Linux 2 layout (one kernel rpm,
// boot/vmlinuz-REL, plain .ko modules) through a mirrorlist: one boot.
#include <algorithm>
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

// The debian-12 kernel and the loopback repositories wrapping it (el9, el8, al2, suse).
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
  w.repos = testing::build_rpm_repos(
      {kernel->vmlinuz, kernel->modules_root, "6.1.0-427.el9",
       "kernel/net/key kernel/net/xfrm kernel/net/sched", "el9 el8 al2 suse"},
      fixture_root() + "/rpm-layouts-" + kernel->release, &why);
  EXPECT_FALSE(w.repos.empty()) << why;
  return w;
}

// One wrapped layout of the run: its profile, where it is served and what the report must name.
struct Layout {
  const char* profile;
  const char* dir;  // under the fixture's repositories
  const char* package;
  const char* resolved;  // the rpm the report names: "NAME EVR"
};

constexpr Layout kLayouts[] = {
    {"el9-wrapped", "el9", "kernel-core", "kernel-core 6.1.0-427.el9"},
    {"el8-wrapped", "el8", "kernel-core", "kernel-core 4.18.0-553.el8_10"},
    {"suse-wrapped", "suse", "kernel-default", "kernel-default 6.4.0-150600.23.25.1"},
};

// The modules the validator of a boot says it loaded, as "file name: ok|errno".
std::vector<std::string> loaded_modules(const json& target) {
  std::ifstream in(testing::str(target["evidence_files"], "validator_output"));
  std::string line;
  std::vector<std::string> out;
  while (std::getline(in, line)) {
    json record = json::parse(line, nullptr, false);
    if (!record.is_object() || record.value("type", "") != "hello") continue;
    for (const auto& m : record["modules"]) {
      std::string name = std::filesystem::path(m.value("path", "")).filename().string();
      out.push_back(name + ": " +
                    (m.value("ok", false) ? "ok" : std::to_string(m.value("errno", 0))));
    }
  }
  return out;
}

TEST(RpmKernelLane, WrappedDebianKernelGivesTheDebianVerdictsInEveryLayout) {
  Wrapped w = wrapped_debian_12();
  if (!w.skip.empty()) GTEST_SKIP() << w.skip;
  ASSERT_FALSE(w.repos.empty());

  auto d = TempDir::create("e2e-rpm");
  ASSERT_TRUE(d);
  std::string dir = d->path();
  testing::LoopbackHttpServer server(w.repos, dir + "/http.log");
  ASSERT_FALSE(server.url().empty()) << server.error();
  std::ofstream matrix(dir + "/matrix.yaml");
  matrix << "profiles:\n  - debian-12\n";
  for (const auto& l : kLayouts) {
    matrix << "  - id: " << l.profile << "\n    kernel:\n      rpm: {repo: " << server.url() << "/"
           << l.dir << "/, package: " << l.package << "}\n";
  }
  matrix.close();
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

  for (const auto& l : kLayouts) {
    for (const auto& a : artifacts) {
      const json* deb = testing::target(report, "debian-12", a);
      const json* rpm = testing::target(report, l.profile, a);
      ASSERT_TRUE(deb && rpm) << l.profile << " " << a << "\n" << run.output;
      EXPECT_EQ(testing::str(*rpm, "status"), testing::str(*deb, "status")) << l.profile << a;
      EXPECT_EQ(testing::str(*rpm, "status"), "pass") << rpm->dump(2);
      EXPECT_EQ(testing::str(*rpm, "classification_code"),
                testing::str(*deb, "classification_code"))
          << l.profile << " " << a;
      EXPECT_EQ(testing::str(*rpm, "requested_kernel"), std::string("rpm ") + l.package + " from " +
                                                            server.url() + "/" + l.dir + "/ → " +
                                                            l.resolved);
      EXPECT_EQ((*rpm)["host"]["kernel"], w.kernel->release) << l.profile;
      EXPECT_EQ((*rpm)["host"]["kernel"], (*deb)["host"]["kernel"]) << l.profile;
    }
    // module_target's kprobe is on af_key (which needs xfrm_algo): both were decompressed from
    // the layout's .ko.xz / .ko.zst on the host and loaded in the guest.
    const json* t = testing::target(report, l.profile, "module_target.bpf.o");
    ASSERT_TRUE(t);
    auto modules = loaded_modules(*t);
    std::string listed;
    for (const auto& m : modules) listed += m + "; ";
    for (const char* m : {"af_key.ko: ok", "xfrm_algo.ko: ok"}) {
      EXPECT_NE(std::find(modules.begin(), modules.end(), m), modules.end())
          << l.profile << ": " << m << " in " << listed;
    }
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
