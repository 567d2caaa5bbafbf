#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bpfcompat/config/matrix.h"

namespace bpfcompat::config {
namespace {

// Sets an environment variable for the scope of a test, then restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(BuiltinProfiles, DefaultMatrixHasDebian11To13RequiredAndUnstableOptional) {
  ScopedEnv env("BPFCOMPAT_DEBIAN_MIRROR", nullptr);
  Matrix m = default_matrix();
  EXPECT_EQ(m.name, "default");
  EXPECT_TRUE(m.path.empty());
  struct Want {
    const char* id;
    const char* version;
    const char* suite;
    bool required;
  };
  const std::vector<Want> want = {{"debian-11", "11", "bullseye", true},
                                  {"debian-12", "12", "bookworm", true},
                                  {"debian-13", "13", "trixie", true},
                                  {"debian-unstable", "unstable", "sid", false}};
  ASSERT_EQ(m.entries.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto& e = m.entries[i];
    EXPECT_EQ(e.profile.id, want[i].id);
    EXPECT_EQ(e.required, want[i].required) << want[i].id;
    EXPECT_FALSE(e.timeout.has_value());
    EXPECT_EQ(e.profile.distro, "debian");
    EXPECT_EQ(e.profile.version, want[i].version);
    EXPECT_EQ(e.profile.lane, Lane::kKernel);
    EXPECT_EQ(e.profile.arch, "x86_64");
    EXPECT_EQ(e.profile.origin, "built-in");
    ASSERT_TRUE(e.profile.kernel.apt.has_value());
    EXPECT_FALSE(e.profile.kernel.package.has_value());
    EXPECT_FALSE(e.profile.kernel.local.has_value());
    EXPECT_EQ(e.profile.kernel.apt->repo, "http://deb.debian.org/debian");
    EXPECT_EQ(e.profile.kernel.apt->suites, std::vector<std::string>{want[i].suite});
    EXPECT_EQ(e.profile.kernel.apt->package, "linux-image-cloud-amd64");
    EXPECT_EQ(e.profile.kernel.apt->components, std::vector<std::string>{"main"});
    EXPECT_EQ(e.profile.kernel.apt->arch, "amd64");
  }
}

TEST(BuiltinProfiles, MirrorComesFromEnvironment) {
  ScopedEnv env("BPFCOMPAT_DEBIAN_MIRROR", "http://mirror.local/debian");
  EXPECT_EQ(debian_mirror(), "http://mirror.local/debian");
  auto p = find_builtin_profile("debian-13");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kernel.apt->repo, "http://mirror.local/debian");
}

TEST(BuiltinProfiles, EmptyMirrorVariableMeansDefault) {
  ScopedEnv env("BPFCOMPAT_DEBIAN_MIRROR", "");
  EXPECT_EQ(debian_mirror(), "http://deb.debian.org/debian");
}

TEST(BuiltinProfiles, FindsOnlyKnownIds) {
  EXPECT_TRUE(find_builtin_profile("debian-unstable"));
  EXPECT_FALSE(find_builtin_profile("debian-14"));
  EXPECT_FALSE(find_builtin_profile(""));
}

TEST(KernelSource, DescribesEachKind) {
  KernelSource apt;
  apt.apt = AptSource{"http://x", {"bookworm"}, "linux-image-cloud-amd64", {"main"}, "amd64", ""};
  EXPECT_EQ(apt.describe(), "apt bookworm/linux-image-cloud-amd64");
  KernelSource package;
  package.package = PackageUrlSource{"https://x/k.deb", std::string(64, 'a')};
  EXPECT_EQ(package.describe(), "package https://x/k.deb");
  KernelSource local;
  local.local = LocalKernelSource{"/x/vmlinuz", ""};
  EXPECT_EQ(local.describe(), "local /x/vmlinuz");
  EXPECT_EQ(KernelSource{}.describe(), "none");
}

TEST(Lane, NamesRoundTrip) {
  for (Lane lane : {Lane::kKernel, Lane::kCloudImage, Lane::kHost}) {
    EXPECT_EQ(parse_lane(lane_name(lane)), lane);
  }
  EXPECT_STREQ(lane_name(Lane::kCloudImage), "cloud-image");
  EXPECT_FALSE(parse_lane("Kernel"));
}

}  // namespace
}  // namespace bpfcompat::config
