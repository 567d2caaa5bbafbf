// kernel_freshness: the tested build against the newest the index offers, in the vendor's order.
#include "kernel_freshness.h"

#include <gtest/gtest.h>

namespace bpfcompat::app {
namespace {

config::KernelSource apt(std::string pin) {
  config::KernelSource s;
  s.apt = config::AptSource{"http://127.0.0.1/ubuntu",
                            {"jammy"},
                            "linux-image-generic",
                            {"main"},
                            "amd64",
                            std::move(pin)};
  return s;
}

config::KernelSource rpm(std::string pin) {
  config::KernelSource s;
  s.rpm = config::RpmSource{};
  s.rpm->repo = "http://127.0.0.1/el9/";
  s.rpm->package = "kernel-core";
  s.rpm->version = std::move(pin);
  return s;
}

sources::PreparedKernel prepared(std::string tested, std::string newest) {
  sources::PreparedKernel k;
  k.package_version = std::move(tested);
  k.newest_version = std::move(newest);
  return k;
}

TEST(KernelFreshness, PinnedToAnOlderRpmBuildIsStale) {
  // rpm's order: 427.42.1 is newer than 427.13.1 (text order would agree here, 427.9 would not).
  auto f = kernel_freshness(rpm("5.14.0-427.13.*"),
                            prepared("5.14.0-427.13.1.el9_4", "5.14.0-427.42.1.el9_4"));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->newest_version, "5.14.0-427.42.1.el9_4");
  EXPECT_FALSE(f->latest);
  EXPECT_TRUE(f->pinned);
  EXPECT_TRUE(f->stale);
}

TEST(KernelFreshness, ComparesInTheVendorsOrderNotAsText) {
  // As text "427.9" > "427.42"; rpm and dpkg both say 42 is newer.
  auto r =
      kernel_freshness(rpm("5.14.0-427.9*"), prepared("5.14.0-427.9.1.el9", "5.14.0-427.42.1.el9"));
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->stale);
  auto d = kernel_freshness(apt("6.1.0-9.*"), prepared("6.1.0-9.9", "6.1.0-30.30"));
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->stale);
}

TEST(KernelFreshness, PinnedToTheNewestIsLatestAndNotStale) {
  auto f = kernel_freshness(apt("6.1.0-30.*"), prepared("6.1.0-30.30", "6.1.0-30.30"));
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->latest);
  EXPECT_TRUE(f->pinned);
  EXPECT_FALSE(f->stale);
}

TEST(KernelFreshness, UnpinnedIsNeverStale) {
  // Without a pin the resolver takes the newest; even if an index moved on meanwhile, only a
  // pin is something the user can be told to bump.
  auto f = kernel_freshness(apt(""), prepared("6.1.0-20.20", "6.1.0-30.30"));
  ASSERT_TRUE(f);
  EXPECT_FALSE(f->pinned);
  EXPECT_FALSE(f->latest);
  EXPECT_FALSE(f->stale);
}

TEST(KernelFreshness, SourcesWithoutAnIndexHaveNone) {
  config::KernelSource local;
  local.local = config::LocalKernelSource{"/x/vmlinuz", ""};
  EXPECT_FALSE(kernel_freshness(local, prepared("", "")));
  config::KernelSource url;
  url.package = config::PackageUrlSource{"http://127.0.0.1/k.deb", std::string(64, 'a')};
  EXPECT_FALSE(kernel_freshness(url, prepared("6.1.119-1", "")));
}

}  // namespace
}  // namespace bpfcompat::app
