// A profile's `btf:` (external vmlinux BTF): a local raw BTF file or url + sha256, on inline
// profiles and on built-in ones; errors name file:line and the fix.
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/temp_dir.h"

namespace bpfcompat::config {
namespace {

class BtfConfig : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::create("btf-config");
    ASSERT_TRUE(d);
    dir_.emplace(std::move(*d));
    // struct btf_header: magic 0xEB9F little-endian, version 1, flags 0, hdr_len 24.
    std::ofstream(path("vmlinux.btf"), std::ios::binary)
        << std::string("\x9f\xeb\x01\x00", 4) << std::string(20, '\0');
    std::ofstream(path("vmlinux.btf.tar.xz"), std::ios::binary) << "\xfd"
                                                                   "7zXZ";
  }
  std::string path(const std::string& name) const { return dir_->path() + "/" + name; }
  Result<Matrix> load(const std::string& yaml) {
    std::ofstream(path("matrix.yaml")) << yaml;
    return load_matrix(path("matrix.yaml"));
  }
  std::optional<TempDir> dir_;
};

TEST_F(BtfConfig, ReadsALocalPathRelativeToTheMatrix) {
  auto m = load("profiles:\n  - id: debian-12\n    btf: {path: vmlinux.btf}\n");
  ASSERT_TRUE(m) << m.error().message;
  const Profile& p = m->entries[0].profile;
  ASSERT_TRUE(p.btf);
  EXPECT_EQ(p.btf->path, path("vmlinux.btf"));
  EXPECT_TRUE(p.btf->url.empty());
  EXPECT_EQ(p.btf->describe(), "local " + path("vmlinux.btf"));
  EXPECT_TRUE(p.kernel.apt);  // still the built-in kernel
}

TEST_F(BtfConfig, ReadsAUrlWithItsSha256Lowercased) {
  auto m = load(
      "profiles:\n"
      "  - id: amzn2\n"
      "    kernel: {local: {vmlinuz: vmlinux.btf}}\n"
      "    btf:\n"
      "      url: https://example.org/4.14.355-275.570.amzn2.x86_64.btf\n"
      "      sha256: " +
      std::string(64, 'A') + "\n");
  ASSERT_TRUE(m) << m.error().message;
  const Profile& p = m->entries[0].profile;
  ASSERT_TRUE(p.btf);
  EXPECT_TRUE(p.btf->path.empty());
  EXPECT_EQ(p.btf->url, "https://example.org/4.14.355-275.570.amzn2.x86_64.btf");
  EXPECT_EQ(p.btf->sha256, std::string(64, 'a'));
}

TEST_F(BtfConfig, NoBtfKeyMeansNone) {
  auto m = load("profiles: [debian-12]\n");
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_FALSE(m->entries[0].profile.btf);
}

std::string error_of(const Result<Matrix>& m) {
  EXPECT_FALSE(m);
  return m ? std::string() : m.error().message;
}

TEST_F(BtfConfig, UrlWithoutSha256IsAnErrorWithLineAndFix) {
  std::string e = error_of(load("profiles:\n  - id: debian-12\n    btf: {url: https://x/y.btf}\n"));
  EXPECT_NE(e.find("matrix.yaml:3:"), std::string::npos) << e;
  EXPECT_NE(e.find("'btf' has 'url' but no 'sha256'"), std::string::npos) << e;
  EXPECT_NE(e.find("sha256sum"), std::string::npos) << e;
}

TEST_F(BtfConfig, PathAndUrlTogetherIsAnError) {
  std::string e = error_of(
      load("profiles:\n  - id: debian-12\n    btf: {path: vmlinux.btf, url: https://x/y.btf}\n"));
  EXPECT_NE(e.find("'btf' has both 'path' and 'url'"), std::string::npos) << e;
}

TEST_F(BtfConfig, NeitherPathNorUrlNamesBtfhub) {
  std::string e = error_of(load("profiles:\n  - id: debian-12\n    btf: {sha256: abc}\n"));
  EXPECT_NE(e.find("'btf' needs 'path' or 'url'"), std::string::npos) << e;
  EXPECT_NE(e.find("btfhub-archive"), std::string::npos) << e;
}

TEST_F(BtfConfig, MissingOrNonBtfFileIsAnErrorAtItsLine) {
  std::string missing = error_of(load("profiles:\n  - id: debian-12\n    btf: {path: nope.btf}\n"));
  EXPECT_NE(missing.find("matrix.yaml:3:"), std::string::npos) << missing;
  EXPECT_NE(missing.find("does not exist"), std::string::npos) << missing;
  std::string packed =
      error_of(load("profiles:\n  - id: debian-12\n    btf: {path: vmlinux.btf.tar.xz}\n"));
  EXPECT_NE(packed.find("is not raw BTF (no 0xEB9F magic)"), std::string::npos) << packed;
  EXPECT_NE(packed.find("tar xJf"), std::string::npos) << packed;
}

TEST_F(BtfConfig, UnknownKeyIsSuggested) {
  std::string e = error_of(load("profiles:\n  - id: debian-12\n    btf: {pth: vmlinux.btf}\n"));
  EXPECT_NE(e.find("unknown key 'pth'"), std::string::npos) << e;
}

}  // namespace
}  // namespace bpfcompat::config
