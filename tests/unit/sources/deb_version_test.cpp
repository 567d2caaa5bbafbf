#include "deb_version.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "bpfcompat/core/subprocess.h"

namespace bpfcompat::sources {
namespace {

struct VersionCase {
  const char* a;
  const char* b;
  int expected;  // sign of compare(a, b)
};

int sign(int v) {
  return (v > 0) - (v < 0);
}

TEST(DebVersion, ComparesLikeDpkg) {
  const VersionCase cases[] = {
      {"1.0", "1.0", 0},
      {"1.0", "1.1", -1},
      {"1.10", "1.9", 1},
      {"1.0-1", "1.0-2", -1},
      {"1.0-10", "1.0-9", 1},
      {"1:0.1", "2.0", 1},     // epoch wins
      {"0:1.0", "1.0", 0},     // epoch 0 is the default
      {"1.0~rc1", "1.0", -1},  // '~' sorts before the end
      {"1.0~rc1", "1.0~rc2", -1},
      {"1.0~~", "1.0~", -1},
      {"1.0", "1.0+b1", -1},  // any other character sorts after the end
      {"1.0a", "1.0+", -1},   // letters before non-letters
      {"1.0a", "1.0", 1},
      {"01.0", "1.0", 0},  // leading zeros do not count
      {"6.1.176-1", "6.1.158-1", 1},
      {"6.12.107-1", "6.12.94-1", 1},
      {"6.12.9+deb13-1", "6.12.10-1", -1},
      {"5.10.223-1", "5.10.223-1~deb10u1", 1},
      {"7.2.13-1", "7.2.13-1~exp1", 1},
      {"1.0-1-2", "1.0-1-10", -1},  // the revision starts after the last '-'
  };
  for (const auto& c : cases) {
    EXPECT_EQ(sign(compare_deb_versions(c.a, c.b)), c.expected) << c.a << " vs " << c.b;
    EXPECT_EQ(sign(compare_deb_versions(c.b, c.a)), -c.expected) << c.b << " vs " << c.a;
  }
}

// Every ordered pair of these, compared by us and by `dpkg --compare-versions` (the reference),
// including Ubuntu kernel versions (ABI.upload, meta packages' four-part versions, ~ backports).
TEST(DebVersion, OrdersExactlyAsDpkgCompareVersions) {
  const std::vector<std::string> versions = {
      "6.8.0-49.49~22.04.1", "6.8.0-49.49",    "6.8.0-50.51~22.04.1", "6.8.0.49.49",
      "5.15.0-1018.22",      "5.15.0-101.111", "5.15.0-1018.22+1",    "1:5.15.0-1",
      "5.15.0~rc1-1",        "5.15.0a-1",      "5.15.0.0-1",          "6.1.0-30.30",
      "6.1.0-10.10",         "6.1.176-1",      "6.1.176-1~deb11u1",   "6.1.176",
  };
  for (const auto& a : versions) {
    for (const auto& b : versions) {
      int dpkg = 0;
      for (auto [op, value] : {std::pair{"lt", -1}, std::pair{"gt", 1}}) {
        auto run = run_captured({"dpkg", "--compare-versions", a, op, b}, std::chrono::seconds(10));
        ASSERT_TRUE(run) << run.error().describe();
        if (run->status.code == 0) dpkg = value;
      }
      EXPECT_EQ(sign(compare_deb_versions(a, b)), dpkg) << a << " vs " << b;
    }
  }
}

TEST(DebVersion, EvaluatesDependsRelations) {
  EXPECT_TRUE(deb_version_satisfies("6.1.176-1", "=", "6.1.176-1"));
  EXPECT_FALSE(deb_version_satisfies("6.1.158-1", "=", "6.1.176-1"));
  EXPECT_TRUE(deb_version_satisfies("0.121", ">=", "0.120+deb8u2"));
  EXPECT_TRUE(deb_version_satisfies("4.12", ">>", "4.12~"));
  EXPECT_FALSE(deb_version_satisfies("4.12", "<<", "4.12"));
  EXPECT_TRUE(deb_version_satisfies("4.11", "<=", "4.12"));
  EXPECT_TRUE(deb_version_satisfies("anything", "", ""));
}

}  // namespace
}  // namespace bpfcompat::sources
