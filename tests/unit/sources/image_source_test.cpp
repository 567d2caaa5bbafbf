#include "bpfcompat/sources/image_source.h"

#include <filesystem>
#include <optional>
#include <vector>

#include <gtest/gtest.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/sha256.h"
#include "bpfcompat/core/temp_dir.h"

namespace bpfcompat::sources {
namespace {

const std::string kSumA(64, 'a');
const std::string kSumB(64, 'b');

TEST(ImageSource, FindsTheSumOfTheNamedFileInEveryLineStyle) {
  const std::string a = kSumA, b = kSumB, upper(64, 'B');
  EXPECT_EQ(find_sha256_in_sums(a + "  other.img\n" + b + "  x.img\n", "x.img"), b);
  EXPECT_EQ(find_sha256_in_sums(a + " *x.img\n", "x.img"), a);                     // binary mode
  EXPECT_EQ(find_sha256_in_sums(a + "  ./x.img\r\n", "x.img"), a);                 // ./ and CRLF
  EXPECT_EQ(find_sha256_in_sums("SHA256 (x.img) = " + upper + "\n", "x.img"), b);  // BSD
  EXPECT_EQ(find_sha256_in_sums(a + "  x.img.manifest\n", "x.img"), std::nullopt);
  EXPECT_EQ(find_sha256_in_sums(std::string(128, 'c') + "  x.img\n", "x.img"),
            std::nullopt);  // a SHA-512 line is not a SHA-256
  EXPECT_EQ(find_sha256_in_sums("# comment\n\n", "x.img"), std::nullopt);
}

TEST(ImageSource, FindsDigestsOfEitherAlgorithm) {
  const std::string s256(64, 'a'), s512(128, 'c'), upper512(128, 'C');
  const auto k256 = HashAlgorithm::kSha256;
  const auto k512 = HashAlgorithm::kSha512;
  const Digest d256{k256, s256}, d512{k512, s512};
  struct Case {
    const char* what;
    std::string sums;
    std::optional<HashAlgorithm> algorithm;
    bool sidecar;
    std::optional<Digest> want;
  };
  const std::vector<Case> cases = {
      {"SHA512SUMS line", s512 + "  x.qcow2\n", std::nullopt, false, d512},
      {"BSD SHA512 line", "SHA512 (x.qcow2) = " + upper512 + "\n", std::nullopt, false, d512},
      {"BSD tag disagrees with length", "SHA512 (x.qcow2) = " + s256 + "\n", std::nullopt, false,
       std::nullopt},
      {"first sum for the file", s256 + "  x.qcow2\n" + s512 + "  x.qcow2\n", std::nullopt, false,
       d256},
      {"restricted to SHA-512", s256 + "  x.qcow2\n" + s512 + "  x.qcow2\n", k512, false, d512},
      {"restricted, absent", s512 + "  x.qcow2\n", k256, false, std::nullopt},
      {"other files only", s256 + "  a.qcow2\n" + s512 + "  b.qcow2\n", std::nullopt, false,
       std::nullopt},
      {"bare digest", s512 + "\n", std::nullopt, false, d512},
      {"sidecar naming the versioned file", s256 + "  x-15.6.0-Build1.2.qcow2\n", std::nullopt,
       true, d256},
      {"single sum of another file, not a sidecar", s256 + "  y.qcow2\n", std::nullopt, false,
       std::nullopt},
      {"sidecar with two other files", s256 + "  a\n" + s512 + "  b\n", std::nullopt, true,
       std::nullopt},
      {"SHA-384 is not a sum we know", std::string(96, 'd') + "  x.qcow2\n", std::nullopt, false,
       std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(find_digest_in_sums(c.sums, "x.qcow2", c.algorithm, c.sidecar), c.want) << c.what;
  }
}

TEST(ImageSource, DetectsQcow2ByItsMagic) {
  EXPECT_EQ(detect_image_format(std::string("QFI\xfb", 4)), "qcow2");
  EXPECT_EQ(detect_image_format(std::string("\xeb\x63\x90\x00", 4)), "raw");
  EXPECT_EQ(detect_image_format(""), "raw");
}

class PrepareImageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = TempDir::create("image-source-test");
    ASSERT_TRUE(dir);
    dir_ = std::make_unique<TempDir>(std::move(*dir));
    cache_ = std::make_unique<Cache>(dir_->path() + "/cache");
    image_ = dir_->path() + "/disk.qcow2";
    ASSERT_TRUE(write_file_atomic(image_, std::string("QFI\xfb", 4) + "rest of the image"));
    sha_ = *sha256_file(image_);
    sha512_ = *hash_file(HashAlgorithm::kSha512, image_);
    profile_.id = "img";
    profile_.lane = config::Lane::kCloudImage;
    profile_.image = config::ImageSource{};
  }
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<Cache> cache_;
  std::string image_, sha_, sha512_;
  config::Profile profile_;
};

TEST_F(PrepareImageTest, LocalImageIsUsedInPlaceWithItsDetectedFormat) {
  profile_.image->local_path = image_;
  auto got = prepare_image(*cache_, profile_);
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_EQ(got->path, image_);
  EXPECT_EQ(got->format, "qcow2");
}

TEST_F(PrepareImageTest, ChecksumUrlSuppliesTheSumOfTheImage) {
  ASSERT_TRUE(write_file_atomic(dir_->path() + "/SHA256SUMS",
                                kSumA + "  other.qcow2\n" + sha_ + "  disk.qcow2\n"));
  profile_.image->url = "file://" + image_;
  profile_.image->checksum_url = "file://" + dir_->path() + "/SHA256SUMS";
  profile_.image->format = "raw";  // given: not detected
  auto got = prepare_image(*cache_, profile_);
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_EQ(got->sha256, sha_);
  EXPECT_EQ(got->format, "raw");
  EXPECT_EQ(*sha256_file(got->path), sha_);
}

TEST_F(PrepareImageTest, MismatchIsImageChecksumMismatchNamingBothSums) {
  profile_.image->url = "file://" + image_;
  profile_.image->sha256 = kSumA;
  auto got = prepare_image(*cache_, profile_);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, "IMAGE_CHECKSUM_MISMATCH");
  EXPECT_NE(got.error().message.find(kSumA), std::string::npos);
  EXPECT_NE(got.error().message.find(sha_), std::string::npos);
}

TEST_F(PrepareImageTest, ChecksumFileWithoutTheImageIsInvalidInput) {
  ASSERT_TRUE(write_file_atomic(dir_->path() + "/SHA256SUMS",
                                kSumA + "  other.qcow2\n" + kSumB + "  third.qcow2\n"));
  profile_.image->url = "file://" + image_;
  profile_.image->checksum_url = "file://" + dir_->path() + "/SHA256SUMS";
  auto got = prepare_image(*cache_, profile_);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(got.error().message.find("lists no SHA-256 or SHA-512 sum for disk.qcow2"),
            std::string::npos)
      << got.error().message;
}

TEST_F(PrepareImageTest, PinnedSha512VerifiesTheDownload) {
  profile_.image->url = "file://" + image_;
  profile_.image->sha512 = sha512_;
  auto got = prepare_image(*cache_, profile_);
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_EQ(got->sha512, sha512_);
  EXPECT_EQ(got->sha256, sha_);
  EXPECT_EQ(got->path, cache_->root() + "/blobs/sha256/" + sha_);
  EXPECT_EQ(got->format, "qcow2");
}

// Debian publishes only SHA512SUMS beside its cloud images.
TEST_F(PrepareImageTest, Sha512SumsFileIsDetectedByDigestLength) {
  ASSERT_TRUE(
      write_file_atomic(dir_->path() + "/SHA512SUMS",
                        std::string(128, 'e') + "  other.qcow2\n" + sha512_ + "  disk.qcow2\n"));
  profile_.image->url = "file://" + image_;
  profile_.image->checksum_url = "file://" + dir_->path() + "/SHA512SUMS";
  auto got = prepare_image(*cache_, profile_);
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_EQ(got->sha512, sha512_);
  EXPECT_EQ(got->sha256, sha_);
}

TEST_F(PrepareImageTest, ChecksumTypeSelectsTheAlgorithm) {
  ASSERT_TRUE(write_file_atomic(dir_->path() + "/SUMS",
                                sha_ + "  disk.qcow2\n" + sha512_ + "  disk.qcow2\n"));
  profile_.image->url = "file://" + image_;
  profile_.image->checksum_url = "file://" + dir_->path() + "/SUMS";
  profile_.image->checksum_type = "sha512";
  auto got = prepare_image(*cache_, profile_);
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_EQ(got->sha512, sha512_);

  ASSERT_TRUE(write_file_atomic(dir_->path() + "/SHA256SUMS", sha_ + "  disk.qcow2\n"));
  profile_.image->checksum_url = "file://" + dir_->path() + "/SHA256SUMS";
  auto missing = prepare_image(*cache_, profile_);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("lists no SHA-512 sum for disk.qcow2"), std::string::npos)
      << missing.error().message;
}

TEST_F(PrepareImageTest, Sha512MismatchFromTheSumsFileNamesBothSums) {
  const std::string wrong(128, 'f');
  ASSERT_TRUE(write_file_atomic(dir_->path() + "/SHA512SUMS", wrong + "  disk.qcow2\n"));
  profile_.image->url = "file://" + image_;
  profile_.image->checksum_url = "file://" + dir_->path() + "/SHA512SUMS";
  auto got = prepare_image(*cache_, profile_);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, "IMAGE_CHECKSUM_MISMATCH");
  EXPECT_NE(got.error().message.find(wrong), std::string::npos);
  EXPECT_NE(got.error().message.find(sha512_), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(cache_->root() + "/blobs/sha256/" + sha_));
}

// openSUSE's X.qcow2.sha256 (and Rocky's X.qcow2.CHECKSUM) beside a "latest" link name the
// versioned file the link points at.
TEST_F(PrepareImageTest, SidecarChecksumFileNamingTheVersionedImageApplies) {
  ASSERT_TRUE(write_file_atomic(dir_->path() + "/disk.qcow2.sha256",
                                sha_ + "  disk-15.6.0-Build16.2.qcow2\n"));
  profile_.image->url = "file://" + image_;
  profile_.image->checksum_url = "file://" + dir_->path() + "/disk.qcow2.sha256";
  auto got = prepare_image(*cache_, profile_);
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_EQ(got->sha256, sha_);
}

}  // namespace
}  // namespace bpfcompat::sources
