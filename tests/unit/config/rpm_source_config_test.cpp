// The `kernel: rpm:` profile keys: repo / mirrorlist / metalink, package, version pin, arch, and
// their errors.
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/temp_dir.h"

namespace bpfcompat::config {
namespace {

struct Loaded {
  std::optional<TempDir> dir;
  Result<Matrix> matrix;
};

Loaded load_text(const std::string& yaml) {
  auto dir = TempDir::create("rpm-config");
  EXPECT_TRUE(dir);
  std::string path = dir->path() + "/matrix.yaml";
  std::ofstream(path) << yaml;
  auto m = load_matrix(path);
  return {std::move(*dir), std::move(m)};
}

TEST(RpmSourceConfig, ReadsEveryFieldAndDefaultsArch) {
  auto l = load_text(
      "profiles:\n"
      "  - id: alma-9\n"
      "    kernel:\n"
      "      rpm:\n"
      "        repo: https://repo.almalinux.org/almalinux/9/BaseOS/x86_64/os/\n"
      "        package: kernel-core\n"
      "        version: \"5.14.0-427.*\"\n"
      "  - id: fedora-40\n"
      "    kernel:\n"
      "      rpm: {metalink: "
      "'https://mirrors.fedoraproject.org/metalink?repo=fedora-40&arch=x86_64',"
      " package: kernel-core, arch: x86_64}\n"
      "  - id: al2\n"
      "    kernel:\n"
      "      rpm: {mirrorlist: http://amazonlinux.default.amazonaws.com/2/core/latest/x86_64/"
      "mirror.list, package: kernel}\n");
  ASSERT_TRUE(l.matrix) << l.matrix.error().message;
  ASSERT_EQ(l.matrix->entries.size(), 3u);
  const auto& alma = l.matrix->entries[0].profile.kernel;
  ASSERT_TRUE(alma.rpm);
  EXPECT_FALSE(alma.apt);
  EXPECT_EQ(alma.rpm->repo, "https://repo.almalinux.org/almalinux/9/BaseOS/x86_64/os/");
  EXPECT_EQ(alma.rpm->package, "kernel-core");
  EXPECT_EQ(alma.rpm->version, "5.14.0-427.*");
  EXPECT_EQ(alma.rpm->arch, "x86_64");
  EXPECT_EQ(alma.describe(),
            "rpm kernel-core 5.14.0-427.* from "
            "https://repo.almalinux.org/almalinux/9/BaseOS/x86_64/os/");
  const auto& fedora = *l.matrix->entries[1].profile.kernel.rpm;
  EXPECT_EQ(fedora.metalink,
            "https://mirrors.fedoraproject.org/metalink?repo=fedora-40&arch=x86_64");
  EXPECT_TRUE(fedora.repo.empty());
  EXPECT_EQ(fedora.where(), fedora.metalink);
  const auto& al2 = *l.matrix->entries[2].profile.kernel.rpm;
  EXPECT_EQ(al2.mirrorlist,
            "http://amazonlinux.default.amazonaws.com/2/core/latest/x86_64/mirror.list");
  EXPECT_EQ(l.matrix->entries[2].profile.kernel.describe(), "rpm kernel from " + al2.mirrorlist);
}

TEST(RpmSourceConfig, RejectsTwoRepositoriesNoneAndAMissingPackage) {
  auto l = load_text(
      "profiles:\n"
      "  - id: two\n"
      "    kernel:\n"
      "      rpm: {repo: http://a/, mirrorlist: http://b/, package: kernel-core}\n"
      "  - id: none\n"
      "    kernel:\n"
      "      rpm: {package: kernel-core}\n"
      "  - id: nopkg\n"
      "    kernel:\n"
      "      rpm: {repo: http://a/}\n");
  ASSERT_FALSE(l.matrix);
  const std::string& msg = l.matrix.error().message;
  EXPECT_NE(msg.find(":4:30: error: in profile 'two' → kernel → rpm: 'rpm' has both 'repo' and "
                     "'mirrorlist'"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find(":7:12: error: in profile 'none' → kernel → rpm: 'rpm' has no repository"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find(":10:12: error: in profile 'nopkg' → kernel → rpm: 'rpm' is missing "
                     "'package'"),
            std::string::npos)
      << msg;
}

TEST(RpmSourceConfig, RejectsAnotherArchABadUrlAndUnknownKeys) {
  auto l = load_text(
      "profiles:\n"
      "  - id: arm\n"
      "    kernel:\n"
      "      rpm: {repo: http://a/, package: kernel-core, arch: aarch64}\n"
      "  - id: url\n"
      "    kernel:\n"
      "      rpm: {repo: ftp://a/, package: kernel-core}\n"
      "  - id: typo\n"
      "    kernel:\n"
      "      rpm: {repo: http://a/, package: kernel-core, verison: '5.*'}\n");
  ASSERT_FALSE(l.matrix);
  const std::string& msg = l.matrix.error().message;
  EXPECT_NE(msg.find("rpm arch 'aarch64' is not supported yet"), std::string::npos) << msg;
  EXPECT_NE(msg.find("'repo' is not a URL: 'ftp://a/'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("unknown key 'verison'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("did you mean 'version'?"), std::string::npos) << msg;
}

}  // namespace
}  // namespace bpfcompat::config
