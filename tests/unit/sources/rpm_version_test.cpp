// rpm's version ordering through libsolv, checked against rpm's own (rpm.vercmp in rpm's Lua).
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "bpfcompat/core/subprocess.h"
#include "rpm_metadata.h"

namespace bpfcompat::sources {
namespace {

int sign(int v) {
  return (v > 0) - (v < 0);
}

const std::vector<std::pair<std::string, std::string>> kPairs = {
    {"5.14.0-427.el9", "5.14.0-70.el9"},
    {"6.1.0-99.el9", "6.1.0-427.13.1.el9"},
    {"5.14.0-427.13.1.el9_4", "5.14.0-427.el9"},
    {"4.18.0-553.el8_10", "4.18.0-553.5.1.el8_10"},
    {"5.10.230-223.885.amzn2", "5.10.230-223.884.amzn2"},
    {"6.4.0-150600.23.25.1", "6.4.0-150600.23.7.3"},
    {"1:1.0-1", "2.0-1"},
    {"0:2.0-1", "2.0-1"},
    {"1.0~rc1-1", "1.0-1"},
    {"1.0^git1-1", "1.0-1"},
    {"1.0^git1-1", "1.0.1-1"},
    {"2.0a-1", "2.0-1"},
    {"1.01-1", "1.1-1"},
    {"1.0_1-1", "1.0.1-1"},
    {"a-1", "1-1"},
    {"5.15.0-1.0.1.el9uek", "5.15.0-1.0.1.el9"},
    {"6.12.0-0.rc1.fc42", "6.12.0-1.fc42"},
    {"1.0-1", "1.0-1"},
};

// rpm's verdicts on every pair, one per line.
std::vector<int> rpm_verdicts() {
  std::string lua = "%{lua:";
  for (const auto& [a, b] : kPairs)
    lua += "print(rpm.vercmp(\"" + a + "\", \"" + b + "\") .. \"\\n\") ";
  lua += "}";
  auto run = run_captured({"rpm", "--eval", lua}, std::chrono::seconds(30));
  std::vector<int> out;
  if (!run || run->status.code != 0) return out;
  std::size_t pos = 0;
  while (pos < run->output.size()) {
    auto end = run->output.find('\n', pos);
    if (end == std::string::npos) end = run->output.size();
    std::string line = run->output.substr(pos, end - pos);
    if (!line.empty()) out.push_back(std::stoi(line));
    pos = end + 1;
  }
  return out;
}

TEST(RpmVersion, OrdersAsRpmDoes) {
  auto expected = rpm_verdicts();
  ASSERT_EQ(expected.size(), kPairs.size()) << "rpm --eval did not answer (package rpm)";
  for (std::size_t i = 0; i < kPairs.size(); ++i) {
    const auto& [a, b] = kPairs[i];
    EXPECT_EQ(sign(rpm_evr_compare(a, b)), sign(expected[i])) << a << " vs " << b;
    EXPECT_EQ(sign(rpm_evr_compare(b, a)), -sign(expected[i])) << b << " vs " << a;
  }
}

TEST(RpmVersion, NumericReleasesAreNotComparedAsText) {
  EXPECT_GT(rpm_evr_compare("6.1.0-427.13.1.el9", "6.1.0-99.el9"), 0);
  EXPECT_LT(rpm_evr_compare("1.0~rc1-1", "1.0-1"), 0);
}

}  // namespace
}  // namespace bpfcompat::sources
