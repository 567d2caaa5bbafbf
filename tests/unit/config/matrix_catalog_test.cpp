// Shipped matrices by name: "debian" is debian.yaml, "cloud/ubuntu" cloud/ubuntu.yaml; profile
// folders are not matrices; the first folder that has a name wins; unknown names list the rest.
#include <filesystem>

#include <gtest/gtest.h>

#include "bpfcompat/config/matrix_catalog.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"

namespace bpfcompat::config {
namespace {

namespace fs = std::filesystem;

class MatrixCatalog : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::create("matrix-catalog");
    ASSERT_TRUE(d);
    dir_ = std::make_unique<TempDir>(std::move(*d));
    for (const char* f : {"a/debian.yaml", "a/cloud/ubuntu.yaml", "a/profiles/p.yaml",
                          "a/cloud/profiles/q.yaml", "a/notes.md", "b/debian.yaml", "b/eks.yaml"}) {
      fs::create_directories(fs::path(path(f)).parent_path());
      ASSERT_TRUE(write_file_atomic(path(f), "name: x\n"));
    }
  }
  std::string path(const std::string& rel) const { return dir_->path() + "/" + rel; }
  std::vector<std::string> dirs() const { return {path("a"), path("b")}; }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(MatrixCatalog, ListsMatricesByRelativeNameWithoutProfileFolders) {
  auto named = list_named_matrices(dirs());
  std::vector<std::string> names;
  for (const auto& m : named) names.push_back(m.name);
  EXPECT_EQ(names, (std::vector<std::string>{"cloud/ubuntu", "debian", "eks"}));
}

TEST_F(MatrixCatalog, TheFirstFolderWinsForAName) {
  auto found = find_named_matrix("debian", dirs());
  ASSERT_TRUE(found) << found.error().describe();
  EXPECT_EQ(*found, path("a/debian.yaml"));
  auto eks = find_named_matrix("eks", dirs());
  ASSERT_TRUE(eks);
  EXPECT_EQ(*eks, path("b/eks.yaml"));
}

TEST_F(MatrixCatalog, AnUnknownNameListsTheShippedOnesAndTheClosest) {
  auto found = find_named_matrix("debain", dirs());
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(found.error().message.find("'debain'"), std::string::npos) << found.error().message;
  EXPECT_NE(found.error().hint.find("did you mean 'debian'?"), std::string::npos)
      << found.error().hint;
  EXPECT_NE(found.error().hint.find("default, cloud/ubuntu, debian, eks"), std::string::npos)
      << found.error().hint;
}

TEST(MatrixName, PathsAreNotNames) {
  EXPECT_TRUE(is_matrix_name("debian"));
  EXPECT_TRUE(is_matrix_name("cloud/ubuntu"));
  EXPECT_FALSE(is_matrix_name("matrix.yaml"));
  EXPECT_FALSE(is_matrix_name("m.yml"));
  EXPECT_FALSE(is_matrix_name("./debian"));
  EXPECT_FALSE(is_matrix_name("/etc/debian"));
  EXPECT_FALSE(is_matrix_name("~/m"));
  EXPECT_FALSE(is_matrix_name(""));
}

}  // namespace
}  // namespace bpfcompat::config
