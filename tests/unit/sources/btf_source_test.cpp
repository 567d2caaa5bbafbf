// prepare_btf: a profile's external BTF as a local file or a verified file:// download, refused
// when it is not raw BTF.
#include "bpfcompat/sources/btf_source.h"

#include <gtest/gtest.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/sha256.h"
#include "bpfcompat/core/temp_dir.h"

namespace bpfcompat::sources {
namespace {

// struct btf_header: magic 0xEB9F little-endian, version 1, flags 0, hdr_len 24, then zeros.
const std::string kRawBtf =
    std::string("\x9f\xeb\x01\x00\x18\x00\x00\x00", 8) + std::string(16, '\0');

TempDir temp_dir() {
  auto dir = TempDir::create("btf-source-test");
  EXPECT_TRUE(dir);
  return std::move(*dir);
}

struct Fixture {
  TempDir dir = temp_dir();
  Cache cache{dir.path() + "/cache"};
  std::string write(const std::string& name, const std::string& bytes) {
    std::string path = dir.path() + "/" + name;
    EXPECT_TRUE(write_file_atomic(path, bytes));
    return path;
  }
};

config::Profile profile_with(config::BtfSource btf) {
  config::Profile p;
  p.id = "amzn2-4.14";
  p.origin = "matrix.yaml:4";
  p.btf = std::move(btf);
  return p;
}

TEST(PrepareBtf, NoBtfIsAnEmptyPath) {
  Fixture f;
  auto r = prepare_btf(f.cache, config::Profile{});
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "");
}

TEST(PrepareBtf, LocalRawBtfIsUsedWhereItIs) {
  Fixture f;
  std::string path = f.write("vmlinux.btf", kRawBtf);
  auto r = prepare_btf(f.cache, profile_with({path, "", ""}));
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(*r, path);
}

TEST(PrepareBtf, UrlIsFetchedIntoTheCacheAndVerified) {
  Fixture f;
  std::string path = f.write("4.14.btf", kRawBtf);
  std::string sha = *sha256_file(path);
  auto r = prepare_btf(f.cache, profile_with({"", "file://" + path, sha}));
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(*r, f.cache.root() + "/blobs/sha256/" + sha);
  EXPECT_EQ(*read_file(*r), kRawBtf);

  auto wrong = prepare_btf(f.cache, profile_with({"", "file://" + path, std::string(64, '0')}));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, kImageChecksumMismatch);
  EXPECT_NE(wrong.error().describe().find("amzn2-4.14"), std::string::npos)
      << wrong.error().describe();
}

TEST(PrepareBtf, AFileThatIsNotRawBtfNamesTheProfileAndTheFix) {
  Fixture f;
  std::string packed = f.write("4.14.btf.tar.xz",
                               "\xfd"
                               "7zXZ\0\0 not btf");
  auto r = prepare_btf(f.cache, profile_with({"", "file://" + packed, *sha256_file(packed)}));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  std::string text = r.error().describe();
  EXPECT_NE(text.find("file://" + packed), std::string::npos) << text;
  EXPECT_NE(text.find("amzn2-4.14"), std::string::npos) << text;
  EXPECT_NE(text.find("matrix.yaml:4"), std::string::npos) << text;
  EXPECT_NE(r.error().hint.find("tar xJf"), std::string::npos) << r.error().hint;
}

}  // namespace
}  // namespace bpfcompat::sources
