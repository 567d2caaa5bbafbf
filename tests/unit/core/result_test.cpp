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

TEST(ResultVoid, DefaultIsSuccess) {
  Result<void> r;
  EXPECT_TRUE(r);
  Result<void> e = internal_error("x");
  EXPECT_FALSE(e);
}

}  // namespace
}  // namespace bpfcompat
