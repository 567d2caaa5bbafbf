// The matrices shipped in matrices/ must always load, and the cloud-image ones must name complete
// profiles: users copy them.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bpfcompat/config/matrix.h"

namespace bpfcompat::config {
namespace {

namespace fs = std::filesystem;

const fs::path kMatrices = fs::path(BPFCOMPAT_TEST_DATA) / ".." / ".." / "matrices";
const fs::path kCloud = kMatrices / "cloud";

// Every matrix file under dir (recursively); files in a profiles/ folder are profiles, not
// matrices.
std::vector<fs::path> matrix_files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".yaml") continue;
    if (e.path().parent_path().filename() == "profiles") continue;
    out.push_back(e.path());
  }
  return out;
}

std::set<std::string> ids_of(const fs::path& file) {
  auto matrix = load_matrix(file.string());
  EXPECT_TRUE(matrix) << file;
  std::set<std::string> ids;
  if (matrix) {
    for (const auto& e : matrix->entries) ids.insert(e.profile.id);
  }
  return ids;
}

TEST(ShippedMatrices, EveryMatrixFileLoads) {
  int n = 0;
  for (const auto& file : matrix_files(kMatrices)) {
    auto matrix = load_matrix(file.string());
    EXPECT_TRUE(matrix) << (matrix ? "" : matrix.error().describe());
    ++n;
  }
  EXPECT_GE(n, 9);
}

TEST(ShippedMatrices, EveryCloudProfileHasDistroUserUrlAndChecksum) {
  int n = 0;
  for (const auto& file : matrix_files(kCloud)) {
    auto matrix = load_matrix(file.string());
    ASSERT_TRUE(matrix) << matrix.error().describe();
    for (const auto& e : matrix->entries) {
      const Profile& p = e.profile;
      SCOPED_TRACE(file.filename().string() + ": " + p.id);
      EXPECT_EQ(p.lane, Lane::kCloudImage);
      EXPECT_NE(p.origin.find("/cloud/profiles/" + p.id + ".yaml:"), std::string::npos);
      EXPECT_FALSE(p.distro.empty());
      EXPECT_FALSE(p.version.empty());
      EXPECT_FALSE(p.ssh_user.empty());
      EXPECT_EQ(p.ssh_user, default_ssh_user(p.distro));  // the matrix and the code agree
      ASSERT_TRUE(p.image);
      EXPECT_EQ(p.image->url.rfind("https://", 0), 0u) << p.image->url;
      EXPECT_TRUE(p.image->local_path.empty());
      bool verified = !p.image->sha256.empty() || !p.image->sha512.empty() ||
                      p.image->checksum_url.rfind("https://", 0) == 0;
      EXPECT_TRUE(verified);
      ++n;
    }
  }
  EXPECT_GE(n, 13);
}

TEST(ShippedMatrices, EveryCloudProfileFileIsUsedAndAllCloudsListsTheFamilies) {
  std::set<std::string> used, families;
  for (const auto& file : matrix_files(kCloud)) {
    auto ids = ids_of(file);
    used.insert(ids.begin(), ids.end());
  }
  for (const auto& e : fs::directory_iterator(kCloud / "profiles")) {
    EXPECT_TRUE(used.count(e.path().stem().string())) << e.path() << " is in no matrix";
  }
  for (const char* family :
       {"ubuntu.yaml", "debian.yaml", "rhel-family.yaml", "amazon-linux.yaml", "opensuse.yaml"}) {
    auto ids = ids_of(kCloud / family);
    families.insert(ids.begin(), ids.end());
  }
  EXPECT_EQ(ids_of(kCloud / "all-clouds.yaml"), families);
}

// Issue 3's list of distributions users run.
TEST(ShippedMatrices, AllCloudsCoversTheListedDistributions) {
  auto matrix = load_matrix((kCloud / "all-clouds.yaml").string());
  ASSERT_TRUE(matrix) << matrix.error().describe();
  std::set<std::pair<std::string, std::string>> have;
  for (const auto& e : matrix->entries) have.insert({e.profile.distro, e.profile.version});
  const std::vector<std::pair<std::string, std::string>> want = {
      {"ubuntu", "20.04"}, {"ubuntu", "22.04"},    {"ubuntu", "24.04"},      {"debian", "11"},
      {"debian", "12"},    {"debian", "13"},       {"almalinux", "8"},       {"almalinux", "9"},
      {"rocky", "9"},      {"centos-stream", "9"}, {"amazon-linux", "2023"}, {"opensuse", "15.6"}};
  for (const auto& w : want) EXPECT_TRUE(have.count(w)) << w.first << " " << w.second;
}

// Debian publishes SHA512SUMS only.
TEST(ShippedMatrices, DebianCloudImagesAreCheckedAgainstSha512Sums) {
  auto matrix = load_matrix((kCloud / "debian.yaml").string());
  ASSERT_TRUE(matrix) << matrix.error().describe();
  for (const auto& e : matrix->entries) {
    const std::string& sums = e.profile.image->checksum_url;
    EXPECT_EQ(sums.substr(sums.rfind('/') + 1), "SHA512SUMS") << e.profile.id;
  }
}

// Each entry of the quirk library says, in the comment above it, which quirk it exhibits.
TEST(ShippedMatrices, EveryQuirkLibraryEntryHasItsComment) {
  std::ifstream in(kCloud / "quirk-library.yaml");
  std::string line, previous;
  int entries = 0;
  while (std::getline(in, line)) {
    if (line.rfind("  - id: ", 0) == 0) {
      EXPECT_EQ(previous.rfind("  # ", 0), 0u) << line << " has no comment above it";
      ++entries;
    }
    previous = line;
  }
  EXPECT_GE(entries, 10);
}

TEST(ShippedMatrices, DebianMatrixEqualsTheBuiltInDefault) {
  auto matrix = load_matrix((kMatrices / "debian.yaml").string());
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
