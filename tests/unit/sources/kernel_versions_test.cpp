// The versions a profile's index offers: what a sweep tries and what freshness compares with.
// Pure apt resolution on real Debian Packages files and an Ubuntu-shaped index with several
// kernel lines; the rpm and Ubuntu loopback repositories for the whole path.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "apt_repo_fixture.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/sources/kernel_source.h"
#include "kernel_packages.h"
#include "rpm_repo_fixture.h"
#include "rpm_resolver.h"

namespace bpfcompat::sources {
namespace {

using Versions = std::vector<std::string>;

std::vector<AptPackage> debian_index(const std::string& suite) {
  auto text = read_file(std::string(BPFCOMPAT_TEST_DATA) + "/sources/Packages-" + suite);
  EXPECT_TRUE(text) << suite;
  return parse_packages(text ? *text : std::string{});
}

TEST(KernelVersions, DebianIndexOffersEveryAbiOfTheFlavourButNotDbgImages) {
  auto k = resolve_kernel_packages(debian_index("bullseye"), "linux-image-cloud-amd64", "http://r");
  ASSERT_TRUE(k) << k.error().message;
  EXPECT_EQ(k->available, (Versions{"5.10.218-1", "5.10.223-1"}));
  EXPECT_EQ(k->version, "5.10.223-1");
}

TEST(KernelVersions, AVersionedImageStaysItselfWithoutAPinButListsItsLine) {
  auto k = resolve_kernel_packages(debian_index("bullseye"), "linux-image-5.10.0-30-cloud-amd64",
                                   "http://r");
  ASSERT_TRUE(k) << k.error().message;
  EXPECT_EQ(k->version, "5.10.218-1");
  EXPECT_EQ(k->available, (Versions{"5.10.218-1", "5.10.223-1"}));
}

// jammy-updates: the GA meta points at 5.15.0-91, the HWE meta at 6.8.0-49; older ABIs of both
// lines are still published, and aws images share nothing with generic ones.
std::vector<AptPackage> ubuntu_lines() {
  std::string sha(64, 'a');
  auto pkg = [&](std::string name, const char* version, std::string depends = "") {
    return AptPackage{name, version, depends, "", "", "pool/" + name + ".deb", sha, 1};
  };
  return {
      pkg("linux-image-generic", "5.15.0.91.88", "linux-image-5.15.0-91-generic"),
      pkg("linux-image-generic-hwe-22.04", "6.8.0-49.49~22.04.1", "linux-image-6.8.0-49-generic"),
      pkg("linux-image-5.15.0-91-generic", "5.15.0-91.101"),
      pkg("linux-image-5.15.0-88-generic", "5.15.0-88.98"),
      pkg("linux-image-5.15.0-100-generic", "5.15.0-100.110"),  // newer than the meta's
      pkg("linux-image-unsigned-5.15.0-70-generic", "5.15.0-70.77"),
      pkg("linux-image-5.15.0-70-generic-dbg", "5.15.0-70.77"),
      pkg("linux-image-6.8.0-49-generic", "6.8.0-49.49~22.04.1"),
      pkg("linux-image-6.8.0-45-generic", "6.8.0-45.45~22.04.1"),
      pkg("linux-image-5.15.0-1051-aws", "5.15.0-1051.56"),
  };
}

TEST(KernelVersions, UbuntuLinesFlavoursAndKindsStayApart) {
  auto ga = resolve_kernel_packages(ubuntu_lines(), "linux-image-generic", "http://r");
  ASSERT_TRUE(ga) << ga.error().message;
  EXPECT_EQ(ga->available, (Versions{"5.15.0-88.98", "5.15.0-91.101", "5.15.0-100.110"}));
  EXPECT_EQ(ga->version, "5.15.0-91.101") << "without a pin the meta package decides";
  auto hwe = resolve_kernel_packages(ubuntu_lines(), "linux-image-generic-hwe-22.04", "http://r");
  ASSERT_TRUE(hwe) << hwe.error().message;
  EXPECT_EQ(hwe->available, (Versions{"6.8.0-45.45~22.04.1", "6.8.0-49.49~22.04.1"}));
}

TEST(KernelVersions, APinReachesAnOlderAbiTheMetaNoLongerNames) {
  auto k = resolve_kernel_packages(
      ubuntu_lines(), KernelQuery{"linux-image-generic", "http://r", "5.15.0-88.98", "jammy"});
  ASSERT_TRUE(k) << k.error().message;
  EXPECT_EQ(k->version, "5.15.0-88.98");
  EXPECT_EQ(k->debs.front().name, "linux-image-5.15.0-88-generic");
}

TEST(KernelVersions, ComparesAsTheVendorDoes) {
  config::KernelSource rpm;
  rpm.rpm = config::RpmSource{};
  config::KernelSource apt;
  apt.apt = config::AptSource{};
  EXPECT_LT(compare_kernel_versions(rpm, "5.14.0-99.el9", "5.14.0-427.13.1.el9"), 0);
  EXPECT_LT(compare_kernel_versions(apt, "6.8.0-49.49~22.04.1", "6.8.0-49.49"), 0);
  EXPECT_GT(compare_kernel_versions(apt, "5.15.0-100.110", "5.15.0-91.101"), 0);
}

TEST_F(AptRepoTest, AvailableVersionsSpanTheSuitesAndIgnoreThePin) {
  Cache cache(cache_root());
  config::Profile p;
  p.id = "ubuntu-hwe";
  p.kernel.apt = source({"jammy", "jammy-updates", "jammy-security"});
  p.kernel.apt->version = "6.1.0-1*";
  auto v = available_kernel_versions(cache, p);
  ASSERT_TRUE(v) << v.error().describe();
  EXPECT_EQ(*v, (Versions{"6.1.0-10.10", "6.1.0-20.20", "6.1.0-30.30"}));
}

TEST_F(RpmRepoTest, AvailableVersionsAndTheNewestOfAPinnedKernel) {
  config::Profile p = profile(source("el9", "kernel-core"));
  auto v = available_kernel_versions(*cache_, p);
  ASSERT_TRUE(v) << v.error().describe();
  EXPECT_EQ(*v, (Versions{"6.1.0-99.el9", "6.1.0-427.13.1.el9"}));
  p.kernel.rpm->version = "6.1.0-99.el9";
  auto k = prepare_kernel(*cache_, p);
  ASSERT_TRUE(k) << k.error().describe();
  EXPECT_EQ(k->package_version, "6.1.0-99.el9");
  EXPECT_EQ(k->newest_version, "6.1.0-427.13.1.el9");
}

TEST(KernelVersions, ALocalKernelHasNoIndexToList) {
  Cache cache(::testing::TempDir() + "/kernel-versions-cache");
  config::Profile p;
  p.id = "mine";
  p.kernel.local = config::LocalKernelSource{"/nonexistent/vmlinuz", ""};
  auto v = available_kernel_versions(cache, p);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(v.error().message.find("no index"), std::string::npos) << v.error().message;
}

// The parsed primary is kept as libsolv's .solv file beside the cache's blobs: a second
// resolution reads it, and a damaged one is parsed again from the XML and written anew.
TEST_F(RpmRepoTest, PrimaryIsParsedOnceIntoASolvCopy) {
  namespace fs = std::filesystem;
  auto first = resolve_rpm_kernel(*cache_, source("el9", "kernel-core"));
  ASSERT_TRUE(first) << first.error().describe();
  std::vector<fs::path> copies;
  for (const auto& e : fs::recursive_directory_iterator(cache_->root() + "/rpm-primary")) {
    if (e.path().filename() == "primary.solv") copies.push_back(e.path());
  }
  ASSERT_EQ(copies.size(), 1u);
  // The copy's folder is named after the primary's blob. Spoil the blob: a second resolution
  // that parsed the XML again would fail; one that reads the .solv copy does not notice.
  std::string blob =
      cache_->root() + "/blobs/sha256/" + copies.front().parent_path().filename().string();
  ASSERT_TRUE(fs::is_regular_file(blob)) << blob;
  std::string good_blob = blob + ".good";
  fs::copy_file(blob, good_blob);
  std::ofstream(blob, std::ios::trunc) << "not a primary";
  auto again = resolve_rpm_kernel(*cache_, source("el9", "kernel-core"));
  ASSERT_TRUE(again) << again.error().describe();
  EXPECT_EQ(again->urls, first->urls);
  EXPECT_EQ(again->available, first->available);
  EXPECT_EQ(again->rpms.back().checksum.hex, first->rpms.back().checksum.hex);
  EXPECT_EQ(again->rpms.back().size, first->rpms.back().size);
  fs::rename(good_blob, blob);
  std::ofstream(copies.front(), std::ios::trunc) << "not a solv file";
  auto damaged = resolve_rpm_kernel(*cache_, source("el9", "kernel-core"));
  ASSERT_TRUE(damaged) << damaged.error().describe();
  EXPECT_EQ(damaged->urls, first->urls);
  EXPECT_GT(fs::file_size(copies.front()), 100u) << "rewritten from the XML";
}

}  // namespace
}  // namespace bpfcompat::sources
