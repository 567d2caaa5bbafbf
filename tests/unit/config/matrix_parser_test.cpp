#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bpfcompat/config/matrix.h"

namespace bpfcompat::config {
namespace {

const std::string kData = BPFCOMPAT_TEST_DATA "/config";

Matrix load_ok(const std::string& relative) {
  auto m = load_matrix(kData + "/" + relative);
  EXPECT_TRUE(m) << (m ? "" : m.error().message);
  return m ? *m : Matrix{};
}

TEST(MatrixParser, ResolvesBuiltinIdsWithEntryOptionsAndOverrides) {
  Matrix m = load_ok("good/builtin.yaml");
  EXPECT_EQ(m.name, "builtins");
  EXPECT_EQ(m.path, kData + "/good/builtin.yaml");
  ASSERT_EQ(m.entries.size(), 3u);
  EXPECT_EQ(m.entries[0].profile.id, "debian-11");
  EXPECT_TRUE(m.entries[0].required);
  EXPECT_FALSE(m.entries[0].timeout);
  EXPECT_EQ(m.entries[0].profile.kernel.apt->suites, std::vector<std::string>{"bullseye"});
  EXPECT_EQ(m.entries[0].profile.origin, "built-in");

  const MatrixEntry& e = m.entries[1];
  EXPECT_EQ(e.profile.id, "debian-12");
  EXPECT_FALSE(e.required);
  ASSERT_TRUE(e.timeout);
  EXPECT_EQ(e.timeout->count(), 90);
  EXPECT_EQ(e.profile.memory_mb, 512);
  EXPECT_EQ(e.profile.cpus, 2);
  EXPECT_EQ(e.profile.kernel_cmdline, "lsm=lockdown,bpf");
  EXPECT_EQ(e.profile.modules, (std::vector<std::string>{"sch_ingress", "cls_bpf"}));
  EXPECT_EQ(e.profile.kernel.apt->suites, std::vector<std::string>{"bookworm"});

  EXPECT_EQ(m.entries[2].profile.id, "debian-13");  // the '- debian-13' shorthand
  EXPECT_TRUE(m.entries[2].required);
}

TEST(MatrixParser, ReadsInlineAptSourceWithDefaults) {
  Matrix m = load_ok("good/inline_apt.yaml");
  ASSERT_EQ(m.entries.size(), 2u);
  const Profile& p = m.entries[0].profile;
  EXPECT_EQ(p.id, "debian-12-backports");
  EXPECT_EQ(p.distro, "debian");
  EXPECT_EQ(p.version, "12");
  EXPECT_EQ(p.lane, Lane::kKernel);
  EXPECT_EQ(p.origin, kData + "/good/inline_apt.yaml:3");
  ASSERT_TRUE(p.kernel.apt);
  EXPECT_FALSE(p.kernel.package);
  EXPECT_FALSE(p.kernel.local);
  EXPECT_EQ(p.kernel.apt->repo, "http://mirror.example.org/debian");
  EXPECT_EQ(p.kernel.apt->suites, std::vector<std::string>{"bookworm-backports"});
  EXPECT_EQ(p.kernel.apt->package, "linux-image-cloud-amd64");
  EXPECT_FALSE(m.entries[0].required);
  EXPECT_EQ(m.entries[0].timeout->count(), 600);

  const Profile& q = m.entries[1].profile;
  EXPECT_EQ(q.kernel.apt->repo, debian_mirror());
  EXPECT_EQ(q.kernel.apt->components, std::vector<std::string>{"main"});
  EXPECT_EQ(q.kernel.apt->arch, "amd64");
}

TEST(MatrixParser, ReadsUbuntuAptSourceWithSuitesComponentsAndPin) {
  Matrix m = load_ok("good/ubuntu_apt.yaml");
  ASSERT_EQ(m.entries.size(), 2u);
  const auto& apt = m.entries[0].profile.kernel.apt;
  ASSERT_TRUE(apt);
  EXPECT_EQ(apt->suites, (std::vector<std::string>{"jammy", "jammy-updates", "jammy-security"}));
  EXPECT_EQ(apt->components, (std::vector<std::string>{"main", "restricted"}));
  EXPECT_EQ(apt->package, "linux-image-generic-hwe-22.04");
  EXPECT_EQ(apt->version, "6.8.0-4*");
  EXPECT_EQ(m.entries[0].profile.kernel.describe(),
            "apt jammy,jammy-updates,jammy-security/linux-image-generic-hwe-22.04 6.8.0-4*");
  const auto& one = m.entries[1].profile.kernel.apt;  // the one-suite spelling
  ASSERT_TRUE(one);
  EXPECT_EQ(one->suites, std::vector<std::string>{"jammy-updates"});
  EXPECT_EQ(one->components, std::vector<std::string>{"main"});
  EXPECT_EQ(one->version, "");
}

TEST(MatrixParser, ReadsPackageSourceAndLowercasesSha256) {
  Matrix m = load_ok("good/inline_package.yaml");
  ASSERT_EQ(m.entries.size(), 1u);
  EXPECT_EQ(m.name, "inline_package");  // no name: the file's stem
  const auto& pkg = m.entries[0].profile.kernel.package;
  ASSERT_TRUE(pkg);
  EXPECT_EQ(pkg->url,
            "https://deb.debian.org/debian/pool/main/l/linux-signed-amd64/"
            "linux-image-6.1.0-41-cloud-amd64_6.1.158-1_amd64.deb");
  EXPECT_EQ(pkg->sha256, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
}

TEST(MatrixParser, ResolvesLocalPathsAgainstMatrixDirectory) {
  Matrix m = load_ok("good/inline_local.yaml");
  ASSERT_EQ(m.entries.size(), 1u);
  const Profile& p = m.entries[0].profile;
  ASSERT_TRUE(p.kernel.local);
  EXPECT_EQ(p.kernel.local->vmlinuz, kData + "/good/kernels/bzImage");
  EXPECT_EQ(p.kernel.local->modules_dir, kData + "/good/kernels/lib/modules/6.6.0");
  EXPECT_EQ(p.kernel_cmdline, "lsm=lockdown,bpf");
  EXPECT_EQ(p.modules, std::vector<std::string>{"sch_ingress"});
  EXPECT_EQ(p.memory_mb, 256);
  EXPECT_EQ(p.cpus, 1);
  EXPECT_EQ(p.arch, "x86_64");  // amd64 is normalised
  EXPECT_FALSE(m.entries[0].required);
}

TEST(MatrixParser, LoadsProfileFileBesideMatrixAndAppliesEntryOverrides) {
  Matrix m = load_ok("good/with_profile_file.yaml");
  ASSERT_EQ(m.entries.size(), 2u);
  const MatrixEntry& e = m.entries[0];
  EXPECT_EQ(e.profile.id, "file-kernel");
  EXPECT_EQ(e.profile.origin, kData + "/good/profiles/file-kernel.yaml:2");
  EXPECT_EQ(e.profile.distro, "custom");
  // Paths in a profile file resolve against the profile file's directory.
  EXPECT_EQ(e.profile.kernel.local->vmlinuz, kData + "/good/kernels/bzImage");
  EXPECT_EQ(e.profile.memory_mb, 384);  // the entry overrides the file's 128
  EXPECT_EQ(e.profile.modules, std::vector<std::string>{"sch_ingress"});
  EXPECT_EQ(e.timeout->count(), 300);
  EXPECT_EQ(m.entries[1].profile.origin, "built-in");
}

TEST(MatrixParser, ParsesCloudImageAndHostLanes) {
  Matrix m = load_ok("good/other_lanes.yaml");
  ASSERT_EQ(m.entries.size(), 2u);
  const Profile& cloud = m.entries[0].profile;
  EXPECT_EQ(cloud.lane, Lane::kCloudImage);
  ASSERT_TRUE(cloud.image);
  EXPECT_EQ(cloud.image->url,
            "https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img");
  EXPECT_EQ(cloud.image->sha256, std::string(64, 'a'));
  EXPECT_EQ(cloud.ssh_user, "ubuntu");
  EXPECT_EQ(cloud.kernel.describe(), "none");
  EXPECT_EQ(m.entries[1].profile.lane, Lane::kHost);
  EXPECT_FALSE(m.entries[1].required);
}

TEST(MatrixParser, ShippedExamplesLoad) {
  Matrix fleet = load_ok("examples/fleet.yaml");
  EXPECT_EQ(fleet.name, "debian-fleet");
  ASSERT_EQ(fleet.entries.size(), 4u);
  EXPECT_FALSE(fleet.entries[3].required);

  Matrix custom = load_ok("examples/custom.yaml");
  ASSERT_EQ(custom.entries.size(), 3u);
  EXPECT_EQ(custom.entries[1].profile.kernel.apt->suites,
            std::vector<std::string>{"bookworm-backports"});
  EXPECT_EQ(custom.entries[2].profile.kernel.apt->suites, std::vector<std::string>{"trixie"});
  EXPECT_EQ(custom.entries[2].profile.kernel_cmdline, "lockdown=integrity");
}

}  // namespace
}  // namespace bpfcompat::config
