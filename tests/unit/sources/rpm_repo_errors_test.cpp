// rpm-md failures, each one specific: every link of the checksum chain damaged (metalink →
// repomd.xml, repomd.xml → primary, primary → package), 404s, unparseable metadata, a missing
// package, a pin nothing matches — with the report code, and nothing half-written in the cache.
#include <filesystem>
#include <fstream>

#include "bpfcompat/core/sha256.h"
#include "bpfcompat/sources/kernel_source.h"
#include "rpm_repo_fixture.h"
#include "rpm_resolver.h"

namespace bpfcompat::sources {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// No kernel tree, and nothing but complete blobs (no .part files) in the cache.
void expect_nothing_half_written(const std::string& root) {
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(root, ec)) {
    std::string name = e.path().filename().string();
    EXPECT_FALSE(contains(name, ".part")) << e.path();
    EXPECT_FALSE(contains(name, "tree")) << e.path();
  }
}

TEST_F(RpmRepoTest, AbsentPackageIsInvalidInputNamingIt) {
  auto k = resolve_rpm_kernel(*cache_, source("el9", "kernel-uek-core"));
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().kind, ErrorKind::kInvalidInput);
  EXPECT_TRUE(contains(k.error().message, "no package 'kernel-uek-core' for x86_64"))
      << k.error().describe();
  EXPECT_TRUE(contains(k.error().describe(), server_->url() + "/el9/")) << k.error().describe();
}

TEST_F(RpmRepoTest, UnmatchedPinListsTheVersionsNewestFirst) {
  auto s = source("el9", "kernel-core");
  s.version = "5.14.0-*";
  auto k = resolve_rpm_kernel(*cache_, s);
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().kind, ErrorKind::kInvalidInput);
  EXPECT_TRUE(contains(k.error().message,
                       "no 'kernel-core' version matches '5.14.0-*'; the repository has "
                       "6.1.0-427.13.1.el9, 6.1.0-99.el9"))
      << k.error().message;
}

TEST_F(RpmRepoTest, MissingRepositoryIsA404NamingRepomd) {
  auto k = prepare_kernel(*cache_, profile(source("el10", "kernel-core")));
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().code, kDownloadFailed);
  EXPECT_TRUE(contains(k.error().message, server_->url() + "/el10/repodata/repomd.xml"))
      << k.error().message;
  EXPECT_TRUE(contains(k.error().message, "404")) << k.error().message;
  expect_nothing_half_written(cache_->root());
}

TEST_F(RpmRepoTest, UnparseableRepomdNamesItsUrl) {
  std::ofstream(www_ + "/el9/repodata/repomd.xml") << "<html>not repomd</htm";
  auto k = resolve_rpm_kernel(*cache_, source("el9", "kernel-core"));
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().kind, ErrorKind::kInfrastructure);
  EXPECT_TRUE(contains(k.error().message,
                       "cannot parse the repomd.xml at " + server_->url() + "/el9/repodata"))
      << k.error().message;
}

TEST_F(RpmRepoTest, PrimaryThatNoLongerMatchesRepomdIsAChecksumError) {
  std::string primary = repodata_file("el9", "primary.xml.zst");
  ASSERT_FALSE(primary.empty());
  append(primary, "x");
  auto k = prepare_kernel(*cache_, profile(source("el9", "kernel-core")));
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().code, kImageChecksumMismatch);
  EXPECT_TRUE(contains(k.error().message, "checksum mismatch for " + server_->url() + "/el9/" +
                                              "repodata/" + fs::path(primary).filename().string()))
      << k.error().message;
  EXPECT_TRUE(contains(k.error().hint, "repomd.xml names another primary")) << k.error().hint;
  expect_nothing_half_written(cache_->root());
}

TEST_F(RpmRepoTest, PackageThatNoLongerMatchesPrimaryIsAChecksumError) {
  std::string rpm = www_ + "/el9/Packages/kernel-modules-core-6.1.0-427.13.1.el9.x86_64.rpm";
  append(rpm, "x");
  auto k = prepare_kernel(*cache_, profile(source("el9", "kernel-core")));
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().code, kImageChecksumMismatch);
  EXPECT_TRUE(contains(k.error().message, "checksum mismatch for " + server_->url() +
                                              "/el9/Packages/kernel-modules-core-"))
      << k.error().message;
  EXPECT_TRUE(contains(k.error().hint, "primary metadata names another package"));
  expect_nothing_half_written(cache_->root());
}

TEST_F(RpmRepoTest, PackageMissingFromTheMirrorIsA404) {
  fs::remove(www_ + "/el9/Packages/kernel-modules-6.1.0-427.13.1.el9.x86_64.rpm");
  auto k = prepare_kernel(*cache_, profile(source("el9", "kernel-core")));
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().code, kDownloadFailed);
  EXPECT_TRUE(contains(k.error().message, "kernel-modules-6.1.0-427.13.1.el9.x86_64.rpm"))
      << k.error().message;
  expect_nothing_half_written(cache_->root());
}

TEST_F(RpmRepoTest, RepomdThatDoesNotMatchTheMetalinkIsAChecksumError) {
  std::ofstream(www_ + "/metalink")
      << "<metalink><hash type=\"sha256\">" << std::string(64, 'a') << "</hash><url>"
      << server_->url() << "/el8/repodata/repomd.xml</url></metalink>";
  config::RpmSource s;
  s.metalink = server_->url() + "/metalink";
  s.package = "kernel-core";
  auto k = resolve_rpm_kernel(*cache_, s);
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().code, kImageChecksumMismatch);
  EXPECT_TRUE(contains(k.error().message, server_->url() + "/el8/repodata/repomd.xml"))
      << k.error().message;
  EXPECT_TRUE(contains(k.error().hint, "not the one the metalink names")) << k.error().hint;
}

TEST_F(RpmRepoTest, PackageWithoutAKernelImageLeavesNoTree) {
  // kernel-modules alone is asked for: its payload has modules but no vmlinuz.
  auto k = prepare_kernel(*cache_, profile(source("el9", "kernel-modules")));
  ASSERT_FALSE(k);
  EXPECT_TRUE(contains(k.error().message, "no kernel image")) << k.error().message;
  expect_nothing_half_written(cache_->root());
}

}  // namespace
}  // namespace bpfcompat::sources
