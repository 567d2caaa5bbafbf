// The rpm repository tests' fixture: the loopback repositories (a stand-in kernel in the EL9,
// EL8, Amazon Linux 2 and SUSE layouts) copied into a fresh directory per test, so a test may
// damage them, served over HTTP on 127.0.0.1, with a fresh download cache.
#pragma once

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/temp_dir.h"
#include "bpfcompat/sources/cache.h"
#include "support/http_server.h"
#include "support/rpm_fixture.h"

namespace bpfcompat::sources {

class RpmRepoTest : public ::testing::Test {
 protected:
  static constexpr const char* kRelease = "6.1.0-test";

  // The stand-in kernel and the repositories around it, built once per build tree.
  static std::string fixture(std::string* why) {
    namespace fs = std::filesystem;
    std::string root = std::string(BPFCOMPAT_BINARY_DIR) + "/tests/fixtures/rpm-unit";
    std::string tree = root + "/kernel";
    std::string mods = tree + "/lib/modules/" + kRelease;
    fs::create_directories(tree + "/boot");
    fs::create_directories(mods + "/kernel/net/key");
    fs::create_directories(mods + "/kernel/net/sched");
    std::ofstream(tree + "/boot/vmlinuz-" + kRelease) << "a stand-in bzImage\n";
    std::ofstream(tree + "/boot/config-" + kRelease) << "CONFIG_BPF=y\n";
    std::ofstream(mods + "/kernel/net/key/af_key.ko") << "af_key\n";
    std::ofstream(mods + "/kernel/net/sched/sch_ingress.ko") << "sch_ingress\n";
    std::ofstream(mods + "/modules.order") << "kernel/net/key/af_key.ko\n";
    testing::RpmFixtureKernel k{tree + "/boot/vmlinuz-" + kRelease, mods,
                                "6.1.0-99.el9 6.1.0-427.13.1.el9",
                                "kernel/net/key kernel/net/sched"};
    return testing::build_rpm_repos(k, root + "/repos", why);
  }

  void SetUp() override {
    std::string why;
    std::string repos = fixture(&why);
    ASSERT_FALSE(repos.empty()) << why;
    auto dir = TempDir::create("rpm-repo-test");
    ASSERT_TRUE(dir);
    dir_.emplace(std::move(*dir));
    www_ = dir_->path() + "/www";
    std::filesystem::copy(repos, www_, std::filesystem::copy_options::recursive);
    server_.emplace(www_, dir_->path() + "/http.log");
    ASSERT_FALSE(server_->url().empty()) << server_->error();
    cache_.emplace(dir_->path() + "/cache");
  }

  config::RpmSource source(const std::string& layout, const std::string& package) const {
    config::RpmSource s;
    s.repo = server_->url() + "/" + layout + "/";
    s.package = package;
    return s;
  }
  config::Profile profile(const config::RpmSource& s) const {
    config::Profile p;
    p.id = "rpm-test";
    p.kernel.rpm = s;
    return p;
  }
  // The one file of www/<layout>/repodata whose name ends in `suffix`.
  std::string repodata_file(const std::string& layout, const std::string& suffix) const {
    for (const auto& e : std::filesystem::directory_iterator(www_ + "/" + layout + "/repodata")) {
      std::string name = e.path().filename().string();
      if (name.size() >= suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return e.path().string();
      }
    }
    return {};
  }
  static void append(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::app | std::ios::binary) << bytes;
  }

  std::optional<TempDir> dir_;
  std::string www_;
  std::optional<testing::LoopbackHttpServer> server_;
  std::optional<Cache> cache_;
};

}  // namespace bpfcompat::sources
