#include "kernel_packages.h"

#include <gtest/gtest.h>

#include "bpfcompat/core/file_io.h"

namespace bpfcompat::sources {
namespace {

constexpr const char* kRepo = "http://deb.debian.org/debian/";

std::vector<AptPackage> index_of(const std::string& suite) {
  auto text = read_file(std::string(BPFCOMPAT_TEST_DATA) + "/sources/Packages-" + suite);
  EXPECT_TRUE(text) << suite;
  return parse_packages(text ? *text : std::string{});
}

std::vector<std::string> names(const ResolvedKernel& k) {
  std::vector<std::string> out;
  for (const auto& d : k.debs) out.push_back(d.name);
  return out;
}

struct SuiteCase {
  const char* suite;
  const char* version;
  std::vector<std::string> debs;  // image first
};

TEST(KernelPackages, FollowsMetaPackageToNewestImage) {
  const SuiteCase cases[] = {
      {"bullseye", "5.10.223-1", {"linux-image-5.10.0-32-cloud-amd64"}},
      {"bookworm", "6.1.176-1", {"linux-image-6.1.0-50-cloud-amd64"}},
      {"trixie", "6.12.107-1", {"linux-image-6.12.107+deb13-cloud-amd64"}},
      // sid: the image is empty; the kernel, modules and config live in its linux-* Depends.
      {"sid",
       "7.2.13-1",
       {"linux-image-7.2.13+deb14-cloud-amd64", "linux-base-7.2.13+deb14-cloud-amd64",
        "linux-binary-7.2.13+deb14-cloud-amd64", "linux-modules-7.2.13+deb14-cloud-amd64"}},
  };
  for (const auto& c : cases) {
    auto k = resolve_kernel_packages(index_of(c.suite), "linux-image-cloud-amd64", kRepo);
    ASSERT_TRUE(k) << c.suite << ": " << k.error().message;
    EXPECT_EQ(k->version, c.version) << c.suite;
    EXPECT_EQ(names(*k), c.debs) << c.suite;
  }
}

TEST(KernelPackages, BuildsUrlsFromRepoAndFilename) {
  auto k = resolve_kernel_packages(index_of("bookworm"), "linux-image-cloud-amd64", kRepo);
  ASSERT_TRUE(k);
  const DebPackage& d = k->debs.front();
  EXPECT_EQ(d.url,
            "http://deb.debian.org/debian/pool/main/l/linux-signed-amd64/"
            "linux-image-6.1.0-50-cloud-amd64_6.1.176-1_amd64.deb");
  EXPECT_EQ(d.sha256.size(), 64u);
  EXPECT_EQ(d.size, 26484304u);
}

TEST(KernelPackages, AcceptsAVersionedImageDirectly) {
  auto k =
      resolve_kernel_packages(index_of("bullseye"), "linux-image-5.10.0-30-cloud-amd64", kRepo);
  ASSERT_TRUE(k);
  EXPECT_EQ(names(*k), std::vector<std::string>{"linux-image-5.10.0-30-cloud-amd64"});
}

TEST(KernelPackages, PicksNewestOfSeveralStanzas) {
  std::vector<AptPackage> index = {
      {"linux-image-x", "1.0-1", "", "", "", "pool/x_1.0-1.deb", std::string(64, 'a'), 1},
      {"linux-image-x", "1.0-10", "", "", "", "pool/x_1.0-10.deb", std::string(64, 'b'), 1},
      {"linux-image-x", "1.0-9", "", "", "", "pool/x_1.0-9.deb", std::string(64, 'c'), 1},
  };
  auto k = resolve_kernel_packages(index, "linux-image-x", "http://r");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->version, "1.0-10");
  EXPECT_EQ(k->debs.front().url, "http://r/pool/x_1.0-10.deb");
}

// Ubuntu's shape: a signed image, its modules, and modules-extra whose Depends offer both images.
// jammy-updates and jammy-security carry the same version (two stanzas each).
std::vector<AptPackage> signed_ubuntu_index() {
  std::string sha(64, 'a');
  auto pkg = [&](const char* name, const char* version, const char* depends) {
    return AptPackage{name, version, depends, "", "", std::string("pool/") + name + ".deb", sha, 1};
  };
  std::vector<AptPackage> suite = {
      pkg("linux-image-aws", "6.8.0.1018.19", "linux-image-6.8.0-1018-aws, linux-headers-aws"),
      pkg("linux-image-6.8.0-1018-aws", "6.8.0-1018.19",
          "linux-base, linux-modules-6.8.0-1018-aws (= 6.8.0-1018.19)"),
      pkg("linux-image-unsigned-6.8.0-1018-aws", "6.8.0-1018.19",
          "linux-base, linux-modules-6.8.0-1018-aws (= 6.8.0-1018.19)"),
      pkg("linux-modules-6.8.0-1018-aws", "6.8.0-1018.19", ""),
      pkg("linux-modules-extra-6.8.0-1018-aws", "6.8.0-1018.19",
          "linux-modules-6.8.0-1018-aws, linux-image-6.8.0-1018-aws | "
          "linux-image-unsigned-6.8.0-1018-aws"),
  };
  std::vector<AptPackage> index = suite;
  index.insert(index.end(), suite.begin(), suite.end());
  return index;
}

TEST(KernelPackages, FollowsUbuntuMetaToSignedImageModulesAndExtraOnly) {
  auto k = resolve_kernel_packages(signed_ubuntu_index(), "linux-image-aws", "http://r");
  ASSERT_TRUE(k) << k.error().message;
  EXPECT_EQ(k->version, "6.8.0-1018.19");
  EXPECT_EQ(names(*k),
            (std::vector<std::string>{"linux-image-6.8.0-1018-aws", "linux-modules-6.8.0-1018-aws",
                                      "linux-modules-extra-6.8.0-1018-aws"}));
}

TEST(KernelPackages, PinErrorListsEachVersionOnce) {
  auto k = resolve_kernel_packages(signed_ubuntu_index(),
                                   KernelQuery{"linux-image-aws", "http://r", "5.*", "jammy"});
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().code, "KERNEL_UNAVAILABLE");
  const std::string& m = k.error().message;
  EXPECT_NE(m.find("there are: linux-image-6.8.0-1018-aws 6.8.0-1018.19"), std::string::npos) << m;
  EXPECT_EQ(m.find("6.8.0-1018.19", m.find("6.8.0-1018.19") + 1), std::string::npos) << m;
}

TEST(KernelPackages, UnknownPackageIsInvalidInput) {
  auto k = resolve_kernel_packages(index_of("bookworm"), "linux-image-nope", kRepo);
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(k.error().message.find("linux-image-nope"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat::sources
