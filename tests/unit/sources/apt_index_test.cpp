#include "apt_index.h"

#include <gtest/gtest.h>

#include "bpfcompat/core/file_io.h"

namespace bpfcompat::sources {
namespace {

std::string data(const std::string& name) {
  auto text = read_file(std::string(BPFCOMPAT_TEST_DATA) + "/sources/" + name);
  EXPECT_TRUE(text) << name;
  return text ? *text : std::string{};
}

TEST(AptPackages, ParsesStanzaFields) {
  auto packages = parse_packages(data("Packages-bookworm"));
  ASSERT_EQ(packages.size(), 4u);
  const AptPackage* meta = nullptr;
  for (const auto& p : packages) {
    if (p.name == "linux-image-cloud-amd64") meta = &p;
  }
  ASSERT_NE(meta, nullptr);
  EXPECT_EQ(meta->version, "6.1.176-1");
  EXPECT_EQ(meta->depends, "linux-image-6.1.0-50-cloud-amd64 (= 6.1.176-1)");
  EXPECT_EQ(meta->filename,
            "pool/main/l/linux-signed-amd64/linux-image-cloud-amd64_6.1.176-1_amd64.deb");
  EXPECT_EQ(meta->sha256, "6f32a25a6ee7b58852de01577ba261fda873c3002c736a2148bf0a6593bd93c8");
  EXPECT_EQ(meta->size, 1500u);
  EXPECT_NE(meta->provides.find("wireguard-modules (= 1.0.0)"), std::string::npos);
}

TEST(AptPackages, FoldsContinuationLinesAndDropsIncompleteStanzas) {
  auto packages = parse_packages(
      "Package: a\nVersion: 1\nDepends: b,\n c (>= 2)\nDescription: x\n more text\n\n"
      "Package: no-version\n\n\n"
      "Package: d\nVersion: 2\nPre-Depends: e\n");
  ASSERT_EQ(packages.size(), 2u);
  EXPECT_EQ(packages[0].depends, "b, c (>= 2)");
  EXPECT_EQ(packages[1].name, "d");
  EXPECT_EQ(packages[1].pre_depends, "e");
}

TEST(AptPackages, FiltersStanzasByPackagePrefix) {
  std::string text =
      "Package: linux-a\nVersion: 1\n\nPackage: zlib\nVersion: 1\n\n"
      "Package: linux-b\nVersion: 2\n";
  auto kept = parse_packages(filter_stanzas(text, "linux-"));
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].name, "linux-a");
  EXPECT_EQ(kept[1].name, "linux-b");
}

TEST(AptRelations, ParsesGroupsAlternativesAndVersions) {
  auto groups = parse_relations(
      "kmod, initramfs-tools (>= 0.120+deb8u2) | linux-initramfs-tool, linux-base:any(<<5)");
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0][0].name, "kmod");
  EXPECT_TRUE(groups[0][0].op.empty());
  ASSERT_EQ(groups[1].size(), 2u);
  EXPECT_EQ(groups[1][0].name, "initramfs-tools");
  EXPECT_EQ(groups[1][0].op, ">=");
  EXPECT_EQ(groups[1][0].version, "0.120+deb8u2");
  EXPECT_EQ(groups[1][1].name, "linux-initramfs-tool");
  EXPECT_EQ(groups[2][0].name, "linux-base");
  EXPECT_EQ(groups[2][0].op, "<<");
  EXPECT_EQ(groups[2][0].version, "5");
  EXPECT_TRUE(parse_relations("").empty());
}

TEST(AptRelease, FindsSha256OfPackagesXz) {
  ReleaseFile release = parse_release(data("Release-bookworm"));
  EXPECT_TRUE(release.acquire_by_hash);
  auto entry = find_release_entry(release, "main/binary-amd64/Packages.xz");
  ASSERT_TRUE(entry);
  // The SHA256 section, not the MD5Sum one.
  EXPECT_EQ(entry->sha256, "9e0b5aabb2465b3d2e7a7fe27f9913846277833f7a2826e7767acccff5b588c5");
  EXPECT_EQ(entry->size, 8790396u);
  EXPECT_FALSE(find_release_entry(release, "main/binary-arm64/Packages.xz"));
  EXPECT_TRUE(find_release_entry(release, "contrib/binary-amd64/Packages.xz"));
}

}  // namespace
}  // namespace bpfcompat::sources
