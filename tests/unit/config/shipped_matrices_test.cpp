// The matrices shipped in matrices/ must always load: users copy them.
#include <filesystem>

#include <gtest/gtest.h>

#include "bpfcompat/config/matrix.h"

namespace bpfcompat::config {
namespace {

namespace fs = std::filesystem;

TEST(ShippedMatrices, EveryFileInMatricesLoads) {
  fs::path dir = fs::path(BPFCOMPAT_TEST_DATA) / ".." / ".." / "matrices";
  int n = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    auto matrix = load_matrix(entry.path().string());
    EXPECT_TRUE(matrix) << (matrix ? "" : matrix.error().describe());
    ++n;
  }
  EXPECT_GE(n, 2);
}

TEST(ShippedMatrices, EveryCloudImageMatrixLoadsWithChecksumUrls) {
  fs::path dir = fs::path(BPFCOMPAT_TEST_DATA) / ".." / ".." / "matrices" / "cloud";
  int n = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    auto matrix = load_matrix(entry.path().string());
    ASSERT_TRUE(matrix) << matrix.error().describe();
    for (const auto& e : matrix->entries) {
      EXPECT_EQ(e.profile.lane, Lane::kCloudImage) << e.profile.id;
      ASSERT_TRUE(e.profile.image) << e.profile.id;
      EXPECT_FALSE(e.profile.image->checksum_url.empty()) << e.profile.id;
      EXPECT_FALSE(e.profile.ssh_user.empty()) << e.profile.id;
      ++n;
    }
  }
  EXPECT_EQ(n, 7);  // ubuntu 20.04/22.04/24.04, almalinux 8/9, rocky 9, centos stream 9
}

TEST(ShippedMatrices, DebianMatrixEqualsTheBuiltInDefault) {
  auto matrix = load_matrix(
      (fs::path(BPFCOMPAT_TEST_DATA) / ".." / ".." / "matrices" / "debian.yaml").string());
  ASSERT_TRUE(matrix);
  Matrix builtin = default_matrix();
  ASSERT_EQ(matrix->entries.size(), builtin.entries.size());
  for (std::size_t i = 0; i < builtin.entries.size(); ++i) {
    EXPECT_EQ(matrix->entries[i].profile.id, builtin.entries[i].profile.id);
    EXPECT_EQ(matrix->entries[i].required, builtin.entries[i].required);
  }
}

}  // namespace
}  // namespace bpfcompat::config
