// rpm-md resolution and preparation against createrepo_c's real output, served over HTTP: rpm
// ordering, pins, the packages that carry the modules, and each vendor's layout.
#include <filesystem>
#include <fstream>
#include <set>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/sha256.h"
#include "bpfcompat/sources/kernel_source.h"
#include "rpm_repo_fixture.h"
#include "rpm_resolver.h"

namespace bpfcompat::sources {
namespace {

namespace fs = std::filesystem;

std::set<std::string> names(const ResolvedRpmKernel& k) {
  std::set<std::string> out;
  for (const auto& r : k.rpms) out.insert(r.name);
  return out;
}

TEST_F(RpmRepoTest, NewestKernelCoreByRpmOrderWithItsModulePackages) {
  auto k = resolve_rpm_kernel(*cache_, source("el9", "kernel-core"));
  ASSERT_TRUE(k) << k.error().describe();
  EXPECT_EQ(k->evr, "6.1.0-427.13.1.el9");  // not 99, which sorts later as text
  EXPECT_EQ(k->rpms.front().name, "kernel-core");
  EXPECT_EQ(names(*k),
            (std::set<std::string>{"kernel-core", "kernel-modules-core", "kernel-modules"}));
  for (const auto& r : k->rpms) EXPECT_EQ(r.evr, "6.1.0-427.13.1.el9") << r.name;
  EXPECT_EQ(k->urls.front(),
            server_->url() + "/el9/Packages/kernel-core-6.1.0-427.13.1.el9.x86_64.rpm");
}

TEST_F(RpmRepoTest, VersionGlobPinsAnOlderBuild) {
  auto s = source("el9", "kernel-core");
  s.version = "6.1.0-99.*";
  auto k = resolve_rpm_kernel(*cache_, s);
  ASSERT_TRUE(k) << k.error().describe();
  EXPECT_EQ(k->evr, "6.1.0-99.el9");
  for (const auto& r : k->rpms) EXPECT_EQ(r.evr, "6.1.0-99.el9") << r.name;
}

TEST_F(RpmRepoTest, MetaPackageIsFollowedToKernelCore) {
  auto k = resolve_rpm_kernel(*cache_, source("el9", "kernel"));
  ASSERT_TRUE(k) << k.error().describe();
  EXPECT_EQ(names(*k), (std::set<std::string>{"kernel", "kernel-core", "kernel-modules-core",
                                              "kernel-modules"}));
}

TEST_F(RpmRepoTest, El9KernelComesFromLibModulesAndModulesFromModulesCore) {
  auto k = prepare_kernel(*cache_, profile(source("el9", "kernel-core")));
  ASSERT_TRUE(k) << k.error().describe();
  EXPECT_EQ(k->release, kRelease);
  EXPECT_EQ(fs::path(k->vmlinuz).filename(), "vmlinuz");
  EXPECT_NE(k->vmlinuz.find(std::string("/lib/modules/") + kRelease + "/vmlinuz"),
            std::string::npos);
  auto image = read_file(k->vmlinuz);
  ASSERT_TRUE(image);
  EXPECT_EQ(*image, "a stand-in bzImage\n");
  EXPECT_TRUE(fs::is_regular_file(k->modules_root + "/kernel/net/key/af_key.ko.xz"));
  EXPECT_TRUE(fs::is_regular_file(k->modules_root + "/kernel/net/sched/sch_ingress.ko.xz"));
  EXPECT_EQ(k->package, "kernel-core");
  EXPECT_EQ(k->package_version, "6.1.0-427.13.1.el9");
  EXPECT_EQ(k->source, "rpm kernel-core from " + server_->url() + "/el9/");
  auto sha = sha256_file(www_ + "/el9/Packages/kernel-core-6.1.0-427.13.1.el9.x86_64.rpm");
  ASSERT_TRUE(sha);
  EXPECT_EQ(k->sha256, *sha);
  // A second preparation reuses the extracted tree.
  auto again = prepare_kernel(*cache_, profile(source("el9", "kernel-core")));
  ASSERT_TRUE(again) << again.error().describe();
  EXPECT_EQ(again->vmlinuz, k->vmlinuz);
}

struct Layout {
  const char* repo;
  const char* package;
  const char* evr;
  const char* vmlinuz;  // relative to the tree
  const char* module;   // relative to the module tree
};

class RpmLayouts : public RpmRepoTest, public ::testing::WithParamInterface<Layout> {};

TEST_P(RpmLayouts, KernelAndModulesAreFoundWhereTheVendorPutsThem) {
  const Layout& l = GetParam();
  auto k = prepare_kernel(*cache_, profile(source(l.repo, l.package)));
  ASSERT_TRUE(k) << k.error().describe();
  EXPECT_EQ(k->release, kRelease);
  EXPECT_EQ(k->package, l.package);
  EXPECT_EQ(k->package_version, l.evr);
  std::string suffix = std::string("/") + l.vmlinuz;
  EXPECT_EQ(k->vmlinuz.compare(k->vmlinuz.size() - suffix.size(), suffix.size(), suffix), 0)
      << k->vmlinuz;
  EXPECT_TRUE(fs::is_regular_file(k->modules_root + "/" + l.module)) << k->modules_root;
}

INSTANTIATE_TEST_SUITE_P(
    Vendors, RpmLayouts,
    ::testing::Values(Layout{"el8", "kernel-core", "4.18.0-553.el8_10",
                             "lib/modules/6.1.0-test/vmlinuz", "kernel/net/key/af_key.ko.xz"},
                      Layout{"al2", "kernel", "5.10.230-223.885.amzn2", "boot/vmlinuz-6.1.0-test",
                             "kernel/net/key/af_key.ko"},
                      Layout{"suse", "kernel-default", "6.4.0-150600.23.25.1",
                             "boot/vmlinuz-6.1.0-test", "kernel/net/sched/sch_ingress.ko.zst"}),
    [](const auto& p) { return std::string(p.param.repo); });

TEST_F(RpmRepoTest, MirrorlistFallsBackToTheNextMirror) {
  std::ofstream(www_ + "/mirror.list") << "# mirrors\nhttp://127.0.0.1:1/dead/\n"
                                       << server_->url() << "/el9\n";
  config::RpmSource s;
  s.mirrorlist = server_->url() + "/mirror.list";
  s.package = "kernel-core";
  auto k = resolve_rpm_kernel(*cache_, s);
  ASSERT_TRUE(k) << k.error().describe();
  EXPECT_EQ(k->evr, "6.1.0-427.13.1.el9");
  EXPECT_EQ(k->urls.front().rfind(server_->url() + "/el9/", 0), 0u);
}

TEST_F(RpmRepoTest, MetalinkVerifiesRepomdAndResolves) {
  auto sha = sha256_file(www_ + "/el8/repodata/repomd.xml");
  ASSERT_TRUE(sha);
  std::ofstream(www_ + "/metalink")
      << "<metalink version=\"3.0\" xmlns=\"http://www.metalinker."
         "org/\"><files><file name=\"repomd.xml\"><verification>"
         "<hash type=\"sha256\">"
      << *sha << "</hash></verification><resources><url protocol=\"http\">" << server_->url()
      << "/el8/repodata/repomd.xml</url></resources></file></files>"
         "</metalink>\n";
  config::RpmSource s;
  s.metalink = server_->url() + "/metalink";
  s.package = "kernel-core";
  auto k = resolve_rpm_kernel(*cache_, s);
  ASSERT_TRUE(k) << k.error().describe();
  EXPECT_EQ(k->evr, "4.18.0-553.el8_10");
}

TEST_F(RpmRepoTest, StaleCachedRepomdIsRefreshedOnce) {
  ASSERT_TRUE(prepare_kernel(*cache_, profile(source("el9", "kernel-core"))));
  // The mirror moves on: new repodata naming other packages, and the old packages are gone. The
  // cached repomd.xml (and its primary) still name them: their 404 makes it fetch a fresh one.
  fs::remove_all(www_ + "/el9/repodata");
  fs::remove_all(www_ + "/el9/Packages");
  fs::copy(www_ + "/el8", www_ + "/el9", fs::copy_options::recursive);
  fs::remove_all(cache_->root() + "/kernels");
  fs::remove_all(cache_->root() + "/blobs");
  auto k = prepare_kernel(*cache_, profile(source("el9", "kernel-core")));
  ASSERT_TRUE(k) << k.error().describe();
  EXPECT_EQ(k->package_version, "4.18.0-553.el8_10");
}

}  // namespace
}  // namespace bpfcompat::sources
