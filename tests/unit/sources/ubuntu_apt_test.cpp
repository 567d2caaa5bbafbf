// resolve_apt_kernel / prepare_kernel against a real (loopback) Ubuntu-layout repository:
// several suites, components, meta → unsigned image → modules (+extra), version pins, errors.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "apt_repo_fixture.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/sources/kernel_source.h"
#include "module_files.h"

namespace bpfcompat::sources {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> names(const ResolvedKernel& k) {
  std::vector<std::string> out;
  for (const auto& d : k.debs) out.push_back(d.name);
  return out;
}

TEST_F(AptRepoTest, NewestVersionAcrossSuitesWins) {
  Cache cache(cache_root());
  auto k = resolve_apt_kernel(cache, source({"jammy", "jammy-updates", "jammy-security"}));
  ASSERT_TRUE(k) << k.error().describe();
  EXPECT_EQ(k->version, "6.1.0-30.30");
  EXPECT_EQ(names(*k), (std::vector<std::string>{"linux-image-unsigned-6.1.0-30-generic",
                                                 "linux-modules-6.1.0-30-generic",
                                                 "linux-modules-extra-6.1.0-30-generic"}));
  EXPECT_EQ(k->debs[0].url, repo() + "/" + kUpdatesImage);
  // Without jammy-updates, jammy-security's is the newest, whatever the order of the list.
  auto older = resolve_apt_kernel(cache, source({"jammy-security", "jammy"}));
  ASSERT_TRUE(older) << older.error().describe();
  EXPECT_EQ(older->version, "6.1.0-20.20");
  EXPECT_EQ(older->debs[0].name, "linux-image-unsigned-6.1.0-20-generic");
}

TEST_F(AptRepoTest, VersionPinPicksTheMatchingImage) {
  Cache cache(cache_root());
  auto src = source({"jammy", "jammy-updates", "jammy-security"});
  src.version = "6.1.0-1*";
  auto k = resolve_apt_kernel(cache, src);
  ASSERT_TRUE(k) << k.error().describe();
  EXPECT_EQ(k->version, "6.1.0-10.10");
  EXPECT_EQ(names(*k), (std::vector<std::string>{"linux-image-unsigned-6.1.0-10-generic",
                                                 "linux-modules-6.1.0-10-generic",
                                                 "linux-modules-extra-6.1.0-10-generic"}));
}

TEST_F(AptRepoTest, PinMatchingNothingListsTheVersionsThereAre) {
  Cache cache(cache_root());
  auto src = source({"jammy", "jammy-updates", "jammy-security"});
  src.version = "5.15.0-*";
  auto k = resolve_apt_kernel(cache, src);
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(k.error().code, "KERNEL_UNAVAILABLE");
  const std::string& m = k.error().message;
  EXPECT_NE(m.find("'5.15.0-*'"), std::string::npos) << m;
  for (const char* v : {"6.1.0-10.10", "6.1.0-20.20", "6.1.0-30.30"}) {
    EXPECT_NE(m.find(v), std::string::npos) << v << " in " << m;
  }
}

TEST_F(AptRepoTest, ComponentsDecideWhereModulesExtraIsFound) {
  Cache cache(cache_root());
  // linux-modules-extra-* lives in restricted: with main alone only the image and its modules.
  auto k = resolve_apt_kernel(cache, source({"jammy-updates"}, {"main"}));
  ASSERT_TRUE(k) << k.error().describe();
  EXPECT_EQ(names(*k), (std::vector<std::string>{"linux-image-unsigned-6.1.0-30-generic",
                                                 "linux-modules-6.1.0-30-generic"}));
  auto both = resolve_apt_kernel(cache, source({"jammy-updates"}, {"main", "restricted"}));
  ASSERT_TRUE(both) << both.error().describe();
  EXPECT_NE(both->debs.back().url.find("/pool/restricted/"), std::string::npos);
}

TEST_F(AptRepoTest, UnknownComponentNamesTheOnesThereAre) {
  Cache cache(cache_root());
  auto k = resolve_apt_kernel(cache, source({"jammy"}, {"main", "universe"}));
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(k.error().message.find("universe/binary-amd64"), std::string::npos)
      << k.error().message;
  EXPECT_NE(k.error().hint.find("main, restricted"), std::string::npos) << k.error().hint;
}

TEST_F(AptRepoTest, MissingSuiteNamesItsReleaseUrl) {
  Cache cache(cache_root());
  auto k = resolve_apt_kernel(cache, source({"jammy", "jammy-backports"}));
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().code, "DOWNLOAD_FAILED");
  std::string text = k.error().describe();
  EXPECT_NE(text.find("suite jammy-backports"), std::string::npos) << text;
  EXPECT_NE(text.find(repo() + "/dists/jammy-backports/Release"), std::string::npos) << text;
  EXPECT_NE(text.find("404"), std::string::npos) << text;
  EXPECT_NE(k.error().hint.find("jammy-backports"), std::string::npos) << k.error().hint;
  // Fetched fresh, the 404 is permanent: asked for once, not again with a "fresh" Release.
  EXPECT_TRUE(k.error().permanent);
  std::ifstream log(served("http.log"));
  int asked = 0;
  for (std::string line; std::getline(log, line);) {
    asked += line.find("GET /good/dists/jammy-backports/Release HTTP") != std::string::npos;
  }
  EXPECT_EQ(asked, 1);
}

TEST_F(AptRepoTest, PackageInNoSuiteIsKernelUnavailable) {
  Cache cache(cache_root());
  auto src = source({"jammy", "jammy-updates"});
  src.package = "linux-image-aws";
  auto k = resolve_apt_kernel(cache, src);
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(k.error().code, "KERNEL_UNAVAILABLE");
  EXPECT_NE(k.error().message.find("linux-image-aws is in none of jammy, jammy-updates"),
            std::string::npos)
      << k.error().message;
}

TEST_F(AptRepoTest, CorruptPackagesIsAChecksumMismatchAndLeavesNothingCached) {
  Cache cache(cache_root());
  auto k =
      resolve_apt_kernel(cache, source({"jammy", "jammy-updates"}, {"main"}, "corrupt-packages"));
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().code, "IMAGE_CHECKSUM_MISMATCH");
  std::string text = k.error().describe();
  EXPECT_NE(text.find("suite jammy-updates component main"), std::string::npos) << text;
  EXPECT_NE(text.find("jammy-updates/main/binary-amd64/Packages.xz"), std::string::npos) << text;
  // Only jammy's good index is in the blob store; nothing half-written.
  int blobs = 0;
  for (const auto& e : fs::recursive_directory_iterator(cache_root() + "/blobs")) {
    std::string name = e.path().filename().string();
    EXPECT_EQ(name.find("tmp"), std::string::npos) << name;
    if (e.is_regular_file() && name.size() == 64) ++blobs;
  }
  EXPECT_EQ(blobs, 1);
}

TEST_F(AptRepoTest, PreparesTheUnsignedImageWithModulesExtra) {
  // The package really ships vmlinuz as mode 0600.
  auto listing =
      run_captured({"dpkg-deb", "-c", served("good/") + kUpdatesImage}, std::chrono::seconds(30));
  ASSERT_TRUE(listing);
  EXPECT_NE(listing->output.find("-rw------- root/root"), std::string::npos) << listing->output;

  Cache cache(cache_root());
  config::Profile profile;
  profile.id = "ubuntu-22.04";
  profile.kernel.apt = source({"jammy", "jammy-updates", "jammy-security"});
  auto k = prepare_kernel(cache, profile);
  ASSERT_TRUE(k) << k.error().describe();
  EXPECT_EQ(k->package, "linux-image-unsigned-6.1.0-30-generic");
  EXPECT_EQ(k->package_version, "6.1.0-30.30");
  EXPECT_EQ(k->release, "6.1.0-30-generic");
  EXPECT_TRUE(read_file(k->vmlinuz)) << k->vmlinuz;
  auto files = module_files(k->modules_root);
  ASSERT_TRUE(files.count("sch_ingress")) << k->modules_root;  // from modules-extra
  EXPECT_EQ(fs::path(files["sch_ingress"]).extension(), ".zst");
  EXPECT_TRUE(files.count("placeholder"));  // from linux-modules
}

TEST_F(AptRepoTest, CorruptDebIsAChecksumMismatchAndExtractsNothing) {
  Cache cache(cache_root());
  config::Profile profile;
  profile.id = "ubuntu-22.04";
  profile.kernel.apt = source({"jammy-updates"}, {"main", "restricted"}, "corrupt-deb");
  auto k = prepare_kernel(cache, profile);
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().code, "IMAGE_CHECKSUM_MISMATCH");
  EXPECT_NE(k.error().describe().find(kUpdatesImage), std::string::npos) << k.error().describe();
  EXPECT_FALSE(fs::exists(cache_root() + "/kernels"));
}

}  // namespace
}  // namespace bpfcompat::sources
