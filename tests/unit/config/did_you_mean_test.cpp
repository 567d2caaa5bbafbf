#include "did_you_mean.h"

#include <vector>

#include <gtest/gtest.h>

namespace bpfcompat::config {
namespace {

TEST(DidYouMean, EditDistanceCountsTranspositionAsOne) {
  EXPECT_EQ(edit_distance("required", "required"), 0u);
  EXPECT_EQ(edit_distance("requird", "required"), 1u);
  EXPECT_EQ(edit_distance("reqiured", "required"), 1u);  // transposition
  EXPECT_EQ(edit_distance("REQUIRED", "required"), 0u);  // case-insensitive
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(DidYouMean, SuggestsOnlyCloseCandidates) {
  const std::vector<std::string> keys = {"id",     "required",       "timeout", "memory_mb",
                                         "kernel", "kernel_cmdline", "cpus"};
  struct Case {
    const char* word;
    const char* suggestion;  // empty: none
  };
  const std::vector<Case> cases = {
      {"requird", "required"},
      {"timout", "timeout"},
      {"Kernel", "kernel"},
      {"memory", "memory_mb"},
      {"cpu", "cpus"},
      {"kernel_cmd_line", "kernel_cmdline"},
      {"ib", "id"},
      {"banana", ""},
      {"x", ""},
      {"zzzzzzzz", ""},
      {"memory_gb", "memory_mb"},
  };
  for (const auto& c : cases) {
    auto match = closest_match(c.word, keys);
    if (*c.suggestion == '\0') {
      EXPECT_FALSE(match) << c.word << " → " << match.value_or("");
    } else {
      EXPECT_EQ(match.value_or("<none>"), c.suggestion) << c.word;
    }
  }
}

TEST(DidYouMean, FormatsHintOrNothing) {
  EXPECT_EQ(did_you_mean("profils", {"name", "profiles"}), "did you mean 'profiles'?");
  EXPECT_EQ(did_you_mean("qqq", {"name", "profiles"}), "");
}

}  // namespace
}  // namespace bpfcompat::config
