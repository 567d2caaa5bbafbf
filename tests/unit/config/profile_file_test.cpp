// load_profile: a profile file read on its own, as `bpfcompat sweep --profile` does.
#include "bpfcompat/config/profile.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "bpfcompat/core/temp_dir.h"

namespace bpfcompat::config {
namespace {

namespace fs = std::filesystem;

const fs::path kProfiles = fs::path(BPFCOMPAT_TEST_DATA) / ".." / ".." / "matrices" / "profiles";

TEST(LoadProfile, ReadsAShippedProfileFileByItsPath) {
  auto p = load_profile((kProfiles / "rocky-9.yaml").string());
  ASSERT_TRUE(p) << p.error().describe();
  EXPECT_EQ(p->id, "rocky-9");
  ASSERT_TRUE(p->kernel.rpm.has_value());
  EXPECT_EQ(p->kernel.rpm->package, "kernel-core");
  EXPECT_NE(p->origin.find("rocky-9.yaml:"), std::string::npos);
}

TEST(LoadProfile, AnIdUnlikeTheFileNameIsAnErrorNamingTheFile) {
  auto dir = TempDir::create("profile-test");
  ASSERT_TRUE(dir);
  std::string path = dir->path() + "/mine.yaml";
  std::ofstream(path) << "id: other\nkernel:\n  local: {vmlinuz: /boot/vmlinuz}\n";
  auto p = load_profile(path);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(p.error().message.find("mine.yaml"), std::string::npos) << p.error().message;
  EXPECT_NE(p.error().message.find("does not match its file name"), std::string::npos);
}

TEST(LoadProfile, AMissingFileIsAnErrorNamingIt) {
  auto p = load_profile("/nonexistent/profiles/x.yaml");
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().describe().find("/nonexistent/profiles/x.yaml"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat::config
