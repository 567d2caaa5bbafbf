// The cloud-image lane's profile keys: image spellings, sha256/sha512/checksum_url, format, boot,
// ssh_user.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bpfcompat/config/matrix.h"

namespace bpfcompat::config {
namespace {

const std::string kData = BPFCOMPAT_TEST_DATA "/config";

TEST(CloudImageConfig, AcceptsEverySpellingOfAnImageSource) {
  auto m = load_matrix(kData + "/good/cloud_images.yaml");
  ASSERT_TRUE(m) << m.error().message;
  ASSERT_EQ(m->entries.size(), 4u);
  const Profile& sums = m->entries[0].profile;
  EXPECT_EQ(sums.image->checksum_url,
            "https://cloud.debian.org/images/cloud/bookworm/latest/SHA512SUMS");
  EXPECT_TRUE(sums.image->sha256.empty());
  EXPECT_TRUE(sums.image->checksum_type.empty());  // told by the length of the sums
  EXPECT_EQ(sums.ssh_user, "debian");              // the distro's default
  EXPECT_FALSE(sums.boot);

  const Profile& ref = m->entries[1].profile;
  EXPECT_EQ(ref.image->url, "https://example.org/img/disk.raw");
  EXPECT_EQ(ref.image->sha256, std::string(64, 'b'));
  EXPECT_EQ(ref.image->format, "raw");
  EXPECT_EQ(ref.ssh_user, "admin");

  const Profile& local = m->entries[2].profile;
  EXPECT_EQ(local.image->local_path, kData + "/good/images/disk.qcow2");
  EXPECT_EQ(local.image->describe(), "local " + kData + "/good/images/disk.qcow2");
  ASSERT_TRUE(local.boot);
  EXPECT_EQ(local.boot->kernel, kData + "/good/images/vmlinuz");
  EXPECT_EQ(local.boot->initrd, kData + "/good/images/initrd.img");
  EXPECT_EQ(local.boot->cmdline, "root=LABEL=cloudroot ro console=ttyS0");
  EXPECT_EQ(local.memory_mb, 512);

  const Profile& path = m->entries[3].profile;
  EXPECT_EQ(path.image->local_path, kData + "/good/images/disk.qcow2");
  EXPECT_EQ(path.image->format, "qcow2");
  EXPECT_EQ(path.ssh_user, "ec2-user");
}

TEST(CloudImageConfig, AcceptsSha512PinnedOrAsTheChecksumType) {
  auto m = load_matrix(kData + "/good/cloud_image_sums.yaml");
  ASSERT_TRUE(m) << m.error().message;
  ASSERT_EQ(m->entries.size(), 2u);
  const ImageSource& pinned = *m->entries[0].profile.image;
  EXPECT_EQ(pinned.sha512, std::string(128, 'b'));  // lowercased
  EXPECT_TRUE(pinned.sha256.empty());
  EXPECT_TRUE(pinned.checksum_url.empty());
  const ImageSource& typed = *m->entries[1].profile.image;
  EXPECT_EQ(typed.checksum_url, "https://example.org/SUMS");
  EXPECT_EQ(typed.checksum_type, "sha512");
  EXPECT_TRUE(typed.sha512.empty());
}

TEST(CloudImageConfig, DefaultSshUserPerDistro) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"debian", "debian"},     {"ubuntu", "ubuntu"},     {"almalinux", "almalinux"},
      {"rocky", "rocky"},       {"centos", "cloud-user"}, {"centos-stream", "cloud-user"},
      {"rhel", "cloud-user"},   {"amazon", "ec2-user"},   {"amazon-linux", "ec2-user"},
      {"opensuse", "opensuse"}, {"gentoo", ""},           {"", ""}};
  for (const auto& [distro, user] : cases) EXPECT_EQ(default_ssh_user(distro), user) << distro;
}

TEST(CloudImageConfig, ReportsErrorsAtTheirPosition) {
  struct Case {
    const char* file;
    const char* where;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"both_sums.yaml", "8:7",
       "in profile 'img' → image: 'image' has both 'sha256' and 'checksum_url'"},
      {"no_sum.yaml", "6:7",
       "in profile 'img' → image: 'image' is missing 'sha256', 'sha512' or "
       "'checksum_url'"},
      {"sha256_and_sha512.yaml", "8:7",
       "in profile 'img' → image: 'image' has both 'sha256' and 'sha512'"},
      {"sha512_short.yaml", "7:15",
       "in profile 'img' → image: 'sha512' must be 128 hexadecimal digits; got 64 characters"},
      {"type_without_sums.yaml", "8:7",
       "in profile 'img' → image: 'checksum_type' goes with 'checksum_url', not with 'sha256'"},
      {"bad_checksum_type.yaml", "8:22",
       "in profile 'img' → image: unknown checksum_type 'sha-512'"},
      {"bad_format.yaml", "8:15", "in profile 'img' → image: unknown image format 'qcow'"},
      {"two_spellings.yaml", "7:7",
       "in profile 'img' → image: 'image' has both 'url' and 'source_url'"},
      {"no_user.yaml", "2:5", "profile 'img' needs 'ssh_user'"},
      {"boot_no_kernel.yaml", "10:7", "in profile 'img' → boot: unknown key 'cmdlne'"},
      {"boot_no_kernel.yaml", "9:7", "in profile 'img' → boot: 'boot' is missing 'kernel'"},
      {"boot_on_kernel_lane.yaml", "5:5",
       "'boot' applies to the cloud-image lane only; this profile's lane is kernel"},
      {"sum_with_path.yaml", "7:7",
       "in profile 'img' → image: 'checksum_url' goes with 'url', not with 'path'"},
  };
  for (const auto& c : cases) {
    std::string file = kData + "/bad/cloud/" + c.file;
    auto m = load_matrix(file);
    ASSERT_FALSE(m) << c.file;
    std::string head = file + ":" + c.where + ": error: " + c.message;
    EXPECT_NE(m.error().message.find(head), std::string::npos) << "want: " << head << "\ngot:\n"
                                                               << m.error().message;
  }
}

TEST(CloudImageConfig, UnknownFormatOrChecksumTypeSuggestsTheClosest) {
  auto format = load_matrix(kData + "/bad/cloud/bad_format.yaml");
  ASSERT_FALSE(format);
  EXPECT_NE(format.error().message.find("hint: did you mean 'qcow2'?"), std::string::npos)
      << format.error().message;
  auto type = load_matrix(kData + "/bad/cloud/bad_checksum_type.yaml");
  ASSERT_FALSE(type);
  EXPECT_NE(type.error().message.find("hint: did you mean 'sha512'?"), std::string::npos)
      << type.error().message;
}

}  // namespace
}  // namespace bpfcompat::config
