#include "bpfcompat/core/result.h"

#include <gtest/gtest.h>

namespace bpfcompat {
namespace {

Result<int> half(int x) {
  if (x % 2) return invalid_input("odd input");
  return x / 2;
}

TEST(Result, HoldsValueOrError) {
  auto ok = half(4);
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, 2);
  auto bad = half(3);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(bad.value_or(7), 7);
}

TEST(Error, DescribeJoinsContextOutermostFirst) {
  Error e = infrastructure_error("connection refused")
                .with_context("waiting for ssh")
                .with_context("booting debian-12");
  EXPECT_EQ(e.describe(), "booting debian-12: waiting for ssh: connection refused");
}

TEST(Error, CodeIsAFieldApartFromTheMessage) {
  EXPECT_EQ(infrastructure_error("connection refused").code, "");
  Error e = infrastructure_error("download of https://x/a failed: HTTP 404", "check the URL")
                .with_code("DOWNLOAD_FAILED")
                .with_context("preparing kernel for debian-12");
  EXPECT_EQ(e.code, "DOWNLOAD_FAILED");
  EXPECT_EQ(e.kind, ErrorKind::kInfrastructure);
  EXPECT_EQ(e.hint, "check the URL");
  // The code is not part of what the user reads.
  EXPECT_EQ(e.describe(),
            "preparing kernel for debian-12: download of https://x/a failed: HTTP 404");
}

TEST(Error, CodeSurvivesResult) {
  Result<int> r = infrastructure_error("no ssh login").with_code("BOOT_TIMEOUT");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "BOOT_TIMEOUT");
  Error moved = std::move(r).error();
  EXPECT_EQ(moved.code, "BOOT_TIMEOUT");
}

TEST(ResultVoid, DefaultIsSuccess) {
  Result<void> r;
  EXPECT_TRUE(r);
  Result<void> e = internal_error("x");
  EXPECT_FALSE(e);
}

}  // namespace
}  // namespace bpfcompat
