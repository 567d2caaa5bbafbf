// The loopback Ubuntu-layout apt repository of tests/fixtures/apt-repo/build.sh (placeholder
// kernels, real dpkg-deb and apt-ftparchive output), copied three ways and served over HTTP on
// 127.0.0.1: good/, corrupt-packages/ (a Packages.xz that is not the one Release lists) and
// corrupt-deb/ (an image .deb that is not the one Packages lists).
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/subprocess.h"
#include "bpfcompat/core/temp_dir.h"
#include "support/http_server.h"

namespace bpfcompat::sources {

class AptRepoTest : public ::testing::Test {
 protected:
  static constexpr const char* kMeta = "linux-image-generic-hwe-22.04";
  static constexpr const char* kUpdatesImage =
      "pool/main/l/linux-jammy-updates/linux-image-unsigned-6.1.0-30-generic_6.1.0-30.30_amd64.deb";

  static void SetUpTestSuite() {
    namespace fs = std::filesystem;
    std::string built = BPFCOMPAT_APT_FIXTURE_DIR;
    auto run = run_captured({BPFCOMPAT_APT_FIXTURE_SCRIPT, built}, std::chrono::minutes(5));
    ASSERT_TRUE(run && run->status.code == 0)
        << "tests/fixtures/apt-repo/build.sh failed: " << (run ? run->output : run.error().message);
    auto dir = TempDir::create("apt-repo-test");
    ASSERT_TRUE(dir);
    served_ = new TempDir(std::move(*dir));
    for (const char* copy : {"good", "corrupt-packages", "corrupt-deb"}) {
      fs::copy(built, served_->path() + "/" + copy, fs::copy_options::recursive);
    }
    // Valid xz, wrong content: the SHA256 in Release no longer matches.
    std::string packages =
        served_->path() + "/corrupt-packages/dists/jammy-updates/main/binary-amd64/Packages";
    std::ofstream(packages, std::ios::app) << "\nPackage: extra\nVersion: 1\n";
    fs::remove(packages + ".xz");
    ASSERT_EQ(run_captured({"xz", "-k", packages}, std::chrono::seconds(30))->status.code, 0);
    std::ofstream(served_->path() + "/corrupt-deb/" + kUpdatesImage, std::ios::app) << "x";
    server_ = new testing::LoopbackHttpServer(served_->path(), served_->path() + "/http.log");
    ASSERT_FALSE(server_->url().empty()) << server_->error();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete served_;
    server_ = nullptr;
    served_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(server_, nullptr);
    auto dir = TempDir::create("apt-cache", served_->path());
    ASSERT_TRUE(dir);
    cache_dir_ = std::make_unique<TempDir>(std::move(*dir));
  }

  static std::string repo(const std::string& copy = "good") { return server_->url() + "/" + copy; }
  static std::string served(const std::string& path) { return served_->path() + "/" + path; }
  std::string cache_root() const { return cache_dir_->path(); }

  static config::AptSource source(std::vector<std::string> suites,
                                  std::vector<std::string> components = {"main", "restricted"},
                                  const std::string& copy = "good") {
    return config::AptSource{repo(copy), std::move(suites), kMeta, std::move(components), "amd64",
                             ""};
  }

 private:
  static inline TempDir* served_ = nullptr;
  static inline testing::LoopbackHttpServer* server_ = nullptr;
  std::unique_ptr<TempDir> cache_dir_;
};

}  // namespace bpfcompat::sources
