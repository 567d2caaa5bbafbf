// Against the real Debian archive (label `network`): resolves and prepares the cloud kernel of
// each suite into a persistent cache and looks up the modules the kernel lane loads. Prints
// packages, sizes and timings for the record.
#include <chrono>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "bpfcompat/core/temp_dir.h"
#include "bpfcompat/sources/kernel_source.h"

namespace bpfcompat::sources {
namespace {

std::string cache_root() {
  const char* env = std::getenv("BPFCOMPAT_TEST_CACHE");
  // The product's own default cache, so the e2e tests and README commands reuse these kernels.
  return env && *env ? std::string(env) : Cache::default_root();
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

class DebianSuite : public ::testing::TestWithParam<const char*> {};

TEST_P(DebianSuite, ResolvesPreparesAndFindsModules) {
  Cache cache(cache_root());
  config::Profile profile;
  profile.id = fmt::format("debian-{}", GetParam());
  profile.kernel.apt = config::AptSource{"http://deb.debian.org/debian",
                                         {GetParam()},
                                         "linux-image-cloud-amd64",
                                         {"main"},
                                         "amd64",
                                         ""};
  auto t0 = std::chrono::steady_clock::now();
  auto resolved = resolve_apt_kernel(cache, *profile.kernel.apt);
  ASSERT_TRUE(resolved) << resolved.error().describe();
  double resolve_s = seconds_since(t0);
  std::uint64_t bytes = 0;
  for (const auto& deb : resolved->debs) {
    bytes += deb.size;
    fmt::print("  {} {} ({} bytes)\n", deb.name, deb.version, deb.size);
  }
  auto t1 = std::chrono::steady_clock::now();
  auto kernel = prepare_kernel(cache, profile);
  ASSERT_TRUE(kernel) << kernel.error().describe();
  double prepare_s = seconds_since(t1);
  auto t2 = std::chrono::steady_clock::now();
  auto again = prepare_kernel(cache, profile);
  ASSERT_TRUE(again) << again.error().describe();
  double cached_s = seconds_since(t2);
  EXPECT_EQ(again->vmlinuz, kernel->vmlinuz);
  EXPECT_TRUE(std::filesystem::is_regular_file(kernel->vmlinuz));
  EXPECT_FALSE(kernel->modules_root.empty());
  EXPECT_EQ(std::filesystem::path(kernel->modules_root).filename(), kernel->release);

  auto out = TempDir::create("modules");
  ASSERT_TRUE(out);
  auto mods = resolve_modules(*kernel, {"sch_ingress", "cls_bpf", "nf_conntrack"}, out->path());
  ASSERT_TRUE(mods) << mods.error().describe();
  // nf_conntrack is a module with dependencies on every Debian kernel: they come first.
  ASSERT_GE(mods->size(), 4u);
  EXPECT_EQ(mods->back().name, "nf_conntrack");
  std::string list;
  for (const auto& m : *mods) list += m.name + " ";
  fmt::print(
      "{}: {} {} release {} ({} debs, {:.1f} MB); resolve {:.2f}s, prepare {:.2f}s, "
      "cached prepare {:.2f}s; modules: {}\n",
      GetParam(), kernel->package, kernel->package_version, kernel->release, resolved->debs.size(),
      static_cast<double>(bytes) / 1e6, resolve_s, prepare_s, cached_s, list);
}

TEST(DebianArchive, HttpErrorNamesUrlAndStatus) {
  auto dir = TempDir::create("http-error");
  ASSERT_TRUE(dir);
  std::string url = "http://deb.debian.org/debian/dists/no-such-suite/Release";
  auto r = download_file(url, dir->path() + "/Release", 1 << 20);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "download of " + url + " failed: HTTP 404");
  EXPECT_EQ(r.error().code, "DOWNLOAD_FAILED");
}

INSTANTIATE_TEST_SUITE_P(Debian, DebianSuite,
                         ::testing::Values("bullseye", "bookworm", "trixie", "sid"));

}  // namespace
}  // namespace bpfcompat::sources
