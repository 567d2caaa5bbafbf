// A user's matrix or suite names a shipped vendor profile by id (`- id: rocky-9.4`): the
// catalog's folders are searched after the matrix's own profiles/ folder and the built-ins.
#include <filesystem>

#include <gtest/gtest.h>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/config/suite.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"

namespace bpfcompat::config {
namespace {

namespace fs = std::filesystem;

const ProfileCatalog kShipped{
    {(fs::path(BPFCOMPAT_TEST_DATA) / ".." / ".." / "matrices" / "profiles").string()}};

class ProfileCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::create("profile-catalog");
    ASSERT_TRUE(d);
    dir_ = std::make_unique<TempDir>(std::move(*d));
  }
  std::string write(const std::string& rel, const std::string& text) const {
    std::string p = dir_->path() + "/" + rel;
    fs::create_directories(fs::path(p).parent_path());
    EXPECT_TRUE(write_file_atomic(p, text));
    return p;
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(ProfileCatalogTest, AMatrixAnywhereNamesAShippedVendorProfile) {
  auto path =
      write("m.yaml", "profiles:\n  - id: rocky-9.4\n  - id: al2023-6.12\n    required: false\n");
  auto m = load_matrix(path, kShipped);
  ASSERT_TRUE(m) << m.error().describe();
  ASSERT_EQ(m->entries.size(), 2u);
  const Profile& rocky = m->entries[0].profile;
  EXPECT_EQ(rocky.distro, "rocky");
  EXPECT_EQ(rocky.version, "9.4");
  ASSERT_TRUE(rocky.kernel.rpm);
  EXPECT_EQ(rocky.kernel.rpm->package, "kernel-core");
  EXPECT_FALSE(m->entries[1].required);
  EXPECT_EQ(m->entries[1].profile.kernel.rpm->package, "kernel6.12");
}

TEST_F(ProfileCatalogTest, TheMatrixsOwnProfilesFolderComesFirst) {
  write("profiles/rocky-9.4.yaml",
        "id: rocky-9.4\ndistro: rocky\nversion: \"9.4-mirror\"\nkernel:\n"
        "  rpm: {repo: http://mirror.example/rocky/, package: kernel-core}\n");
  auto m = load_matrix(write("m.yaml", "profiles:\n  - id: rocky-9.4\n"), kShipped);
  ASSERT_TRUE(m) << m.error().describe();
  EXPECT_EQ(m->entries[0].profile.version, "9.4-mirror");
}

TEST_F(ProfileCatalogTest, WithoutTheCatalogAVendorIdIsUnknownAndAMisspellingIsCorrected) {
  auto path = write("m.yaml", "profiles:\n  - id: rocky-9.4\n");
  EXPECT_FALSE(load_matrix(path));
  auto typo = load_matrix(write("t.yaml", "profiles:\n  - id: roky-9.4\n"), kShipped);
  ASSERT_FALSE(typo);
  EXPECT_NE(typo.error().message.find("did you mean 'rocky-9.4'"), std::string::npos)
      << typo.error().message;
  EXPECT_NE(typo.error().message.find("shipped profiles in"), std::string::npos);
}

TEST_F(ProfileCatalogTest, ASuitesMatrixNamesShippedProfilesToo) {
  write("m.yaml", "profiles:\n  - id: ubuntu-22.04-hwe\n");
  write("a.bpf.o", "");
  auto suite = load_suite(
      write("s.yaml", "name: s\ncases:\n  - name: c\n    artifact: a.bpf.o\n    matrix: m.yaml\n"),
      kShipped);
  ASSERT_TRUE(suite) << suite.error().describe();
  ASSERT_EQ(suite->matrices.size(), 1u);
  ASSERT_TRUE(suite->matrices[0].entries[0].profile.kernel.apt);
  EXPECT_EQ(suite->matrices[0].entries[0].profile.kernel.apt->package,
            "linux-image-generic-hwe-22.04");
}

TEST(FindProfile, ByIdAloneFromTheBuiltInsOrTheCatalog) {
  auto debian = find_profile("debian-12", kShipped);
  ASSERT_TRUE(debian) << debian.error().describe();
  EXPECT_EQ(debian->version, "12");
  auto uek = find_profile("oracle-linux-9-uek8", kShipped);
  ASSERT_TRUE(uek) << uek.error().describe();
  EXPECT_EQ(uek->kernel.rpm->package, "kernel-uek-core");
  auto typo = find_profile("rokcy-9.4", kShipped);
  ASSERT_FALSE(typo);
  EXPECT_EQ(typo.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(typo.error().hint.find("did you mean 'rocky-9.4'"), std::string::npos)
      << typo.error().hint;
}

}  // namespace
}  // namespace bpfcompat::config
