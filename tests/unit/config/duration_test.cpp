#include <vector>

#include <gtest/gtest.h>

#include "bpfcompat/config/matrix.h"

namespace bpfcompat::config {
namespace {

TEST(ParseDuration, AcceptsSecondsAndUnits) {
  struct Case {
    const char* text;
    long long seconds;
  };
  const std::vector<Case> cases = {
      {"120", 120},    {"90s", 90},       {"5m", 300},   {"1m30s", 90}, {"1h", 3600},
      {"1h30m", 5400}, {"2h5m10s", 7510}, {"0m30s", 30}, {"1", 1},      {"604800", 604800},
  };
  for (const auto& c : cases) {
    auto d = parse_duration(c.text);
    ASSERT_TRUE(d) << c.text << ": " << d.error().message;
    EXPECT_EQ(d->count(), c.seconds) << c.text;
  }
}

TEST(ParseDuration, RejectsZeroNegativeAndGarbageNamingAcceptedForms) {
  struct Case {
    const char* text;
    const char* why;
  };
  const std::vector<Case> cases = {
      {"0", "must be positive"},     {"0s", "must be positive"},
      {"-5m", "must be positive"},   {"", "empty"},
      {"5x", "unknown unit"},        {"1.5m", "fractions"},
      {"m", "expected a number"},    {"5 m", "unknown unit"},
      {"30s1m", "once, as h, m, s"}, {"1m1m", "once, as h, m, s"},
      {"1m30", "no unit"},           {"9999999999", "too large"},
      {"8d", "unknown unit"},        {"604801", "longer than a week"},
  };
  for (const auto& c : cases) {
    auto d = parse_duration(c.text);
    ASSERT_FALSE(d) << c.text;
    EXPECT_EQ(d.error().kind, ErrorKind::kInvalidInput);
    const std::string& m = d.error().message;
    EXPECT_NE(m.find(c.why), std::string::npos) << c.text << ": " << m;
    EXPECT_NE(m.find("(90s, 5m, 1m30s, 1h)"), std::string::npos) << m;
    EXPECT_NE(m.find("whole seconds (120)"), std::string::npos) << m;
  }
}

}  // namespace
}  // namespace bpfcompat::config
