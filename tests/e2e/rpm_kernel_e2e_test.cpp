// The kernel lane on kernels from rpm-md repositories: the Debian 12 kernel wrapped by rpmbuild
// + createrepo_c in the vendors' layouts, served over HTTP on 127.0.0.1. One run boots debian-12
// beside the kernel it wraps in the EL9 layout (kernel-core with lib/modules/REL/vmlinuz,
// kernel-modules-core and kernel-modules with .ko.xz), the EL8 layout (kernel-core with vmlinuz
// and every module as .ko.xz) and the SUSE layout (kernel-default, boot/vmlinuz-REL, .ko.zst):
// four boots, the same verdicts, each report naming its rpm source, and the module-needing case
// loading its compressed modules. And the Amazon Linux 2 layout (one kernel rpm,
// boot/vmlinuz-REL, plain .ko modules) through a mirrorlist: one boot.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/temp_dir.h"
#include "report_json.h"
#include "support/http_server.h"
#include "support/rpm_fixture.h"
#include "wrapped_kernel.h"

namespace bpfcompat {
namespace {

using nlohmann::json;

// The debian-12 kernel and the loopback repositories wrapping it (el9, el8, al2, suse).
struct Wrapped {
  testing::KernelToWrap kernel;
  std::string repos;
};

Wrapped wrapped_debian_12() {
  Wrapped w;
  w.kernel = testing::kernel_to_wrap();
  if (!w.kernel.why_missing.empty()) return w;
  std::string why;
  // af_key (kernel-modules-core) needs xfrm_algo (kernel-modules): module_target loads both.
  w.repos = testing::build_rpm_repos(
      {w.kernel.vmlinuz, w.kernel.modules_dir, "6.1.0-427.el9",
       "kernel/net/key kernel/net/xfrm kernel/net/sched", "el9 el8 al2 suse"},
      testing::fixture_root() + "/rpm-layouts-" + w.kernel.release, &why);
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
  if (!w.kernel.why_missing.empty()) GTEST_SKIP() << w.kernel.why_missing;
  ASSERT_FALSE(w.repos.empty());

  auto d = TempDir::create("e2e-rpm");
  ASSERT_TRUE(d);
  std::string dir = d->path();
  testing::LoopbackHttpServer server(w.repos, dir + "/http.log");
  ASSERT_FALSE(server.url().empty()) << server.error();
  std::string matrix = "profiles:\n  - debian-12\n";
  for (const auto& l : kLayouts) {
    matrix += std::string("  - id: ") + l.profile +
              "\n    kernel:\n      rpm: {repo: " + server.url() + "/" + l.dir +
              "/, package: " + l.package + "}\n";
  }
  const std::vector<std::string> artifacts = {"ringbuf.bpf.o", "module_target.bpf.o"};
  auto [run, report] =
      testing::run_examples_on_matrix(dir, "layouts", matrix, artifacts, std::chrono::minutes(20));
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
      EXPECT_EQ((*rpm)["host"]["kernel"], w.kernel.release) << l.profile;
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
  if (!w.kernel.why_missing.empty()) GTEST_SKIP() << w.kernel.why_missing;
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
  auto [run, report] = testing::run_examples_on_matrix(
      dir, "al2",
      "profiles:\n  - id: al2-wrapped\n    kernel:\n      rpm: {mirrorlist: " + server.url() +
          "/mirror.list, package: kernel}\n",
      {"module_target.bpf.o"}, std::chrono::minutes(10));
  ASSERT_TRUE(report.is_object()) << run.output;
  EXPECT_EQ(run.exit_code, 0) << run.output;
  const json* t = testing::target(report, "al2-wrapped", "module_target.bpf.o");
  ASSERT_TRUE(t) << run.output;
  // examples/module_target/expected.yaml: pass on debian-12, the kernel wrapped here.
  EXPECT_EQ(testing::str(*t, "status"), "pass") << t->dump(2);
  EXPECT_EQ(testing::str(*t, "requested_kernel"),
            "rpm kernel from " + server.url() + "/mirror.list → kernel 5.10.230-223.885.amzn2");
  EXPECT_EQ((*t)["host"]["kernel"], w.kernel.release);
}

}  // namespace
}  // namespace bpfcompat
