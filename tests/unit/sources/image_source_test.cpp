#include "bpfcompat/sources/image_source.h"

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
    profile_.id = "img";
    profile_.lane = config::Lane::kCloudImage;
    profile_.image = config::ImageSource{};
  }
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<Cache> cache_;
  std::string image_, sha_;
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
  EXPECT_EQ(source_error_code(got.error()), "IMAGE_CHECKSUM_MISMATCH");
  EXPECT_NE(got.error().message.find(kSumA), std::string::npos);
  EXPECT_NE(got.error().message.find(sha_), std::string::npos);
}

TEST_F(PrepareImageTest, ChecksumFileWithoutTheImageIsInvalidInput) {
  ASSERT_TRUE(write_file_atomic(dir_->path() + "/SHA256SUMS", kSumA + "  other.qcow2\n"));
  profile_.image->url = "file://" + image_;
  profile_.image->checksum_url = "file://" + dir_->path() + "/SHA256SUMS";
  auto got = prepare_image(*cache_, profile_);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(got.error().message.find("lists no SHA-256 for disk.qcow2"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat::sources
