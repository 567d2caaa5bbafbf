#include "bpfcompat/sweep/bisect.h"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

namespace bpfcompat::sweep {
namespace {

// Candidates below `first_pass` fail, the others pass; counts every candidate booted.
struct Threshold {
  std::size_t first_pass;
  std::vector<std::size_t> booted;
  ProbeBatch fn() {
    return [this](const std::vector<std::size_t>& indices) -> Result<std::vector<Probe>> {
      std::vector<Probe> out;
      for (auto i : indices) {
        booted.push_back(i);
        out.push_back({i < first_pass ? "fail" : "pass", false});
      }
      return out;
    };
  }
};

std::size_t expected_boots(std::size_t n) {
  if (n <= 2) return n;
  return 2 + static_cast<std::size_t>(std::ceil(std::log2(static_cast<double>(n - 1))));
}

TEST(Bisect, FindsEveryBoundaryWithLogBoots) {
  for (std::size_t n : {2u, 3u, 8u, 100u}) {
    for (std::size_t k = 1; k < n; ++k) {
      Threshold t{k, {}};
      SweepResult r = bisect(n, t.fn());
      ASSERT_EQ(r.finding, Finding::kBoundary) << n << " " << k;
      ASSERT_EQ(r.changes.size(), 1u);
      EXPECT_EQ(r.changes[0].before, k - 1) << n << " " << k;
      EXPECT_EQ(r.changes[0].after, k) << n << " " << k;
      EXPECT_LE(r.boots(), expected_boots(n)) << n << " " << k;
      EXPECT_EQ(t.booted.size(), r.boots()) << "no candidate is booted twice";
      EXPECT_EQ(r.probes.at(k - 1).verdict, "fail");
      EXPECT_EQ(r.probes.at(k).verdict, "pass");
    }
  }
}

TEST(Bisect, BootCountsForOneTwoThreeEightAndHundredCandidates) {
  // The most boots any position of the change costs: 2 endpoints + ⌈log2(N-1)⌉.
  for (auto [n, boots] :
       std::vector<std::pair<std::size_t, std::size_t>>{{2, 2}, {3, 3}, {8, 5}, {100, 9}}) {
    std::size_t most = 0;
    for (std::size_t k = 1; k < n; ++k) {
      Threshold t{k, {}};
      most = std::max(most, bisect(n, t.fn()).boots());
    }
    EXPECT_EQ(most, boots) << n;
  }
  Threshold one{0, {}};
  SweepResult r = bisect(1, one.fn());
  EXPECT_EQ(r.boots(), 1u);
  EXPECT_EQ(r.finding, Finding::kNoChange);
}

TEST(Bisect, EndpointsFirstInOneStep) {
  Threshold t{5, {}};
  SweepResult r = bisect(8, t.fn());
  ASSERT_GE(r.steps.size(), 2u);
  EXPECT_EQ(r.steps[0], (std::vector<std::size_t>{0, 7}));
  for (std::size_t s = 1; s < r.steps.size(); ++s) EXPECT_EQ(r.steps[s].size(), 1u);
}

TEST(Bisect, AgreeingEndpointsAreNoChangeAfterTwoBoots) {
  for (std::size_t n : {2u, 3u, 8u, 100u}) {
    Threshold t{0, {}};  // every candidate passes
    SweepResult r = bisect(n, t.fn());
    EXPECT_EQ(r.finding, Finding::kNoChange);
    EXPECT_EQ(r.boots(), 2u);
    EXPECT_TRUE(r.changes.empty());
  }
}

TEST(Bisect, AnErrorIsNoVerdictChangeAndStops) {
  std::size_t asked = 0;
  ProbeBatch probe = [&](const std::vector<std::size_t>& indices) -> Result<std::vector<Probe>> {
    std::vector<Probe> out;
    for (auto i : indices) {
      ++asked;
      if (i == 4) {
        out.push_back({"error", true});
      } else {
        out.push_back({i < 6 ? "fail" : "pass", false});
      }
    }
    return out;
  };
  SweepResult r = bisect(9, probe);  // 0,8 → 4 (error): stop
  EXPECT_EQ(r.finding, Finding::kError);
  EXPECT_EQ(r.errors, (std::vector<std::size_t>{4}));
  EXPECT_EQ(asked, 3u);
  ASSERT_EQ(r.changes.size(), 1u);  // what is known: between 0 and 8, not at the error
  EXPECT_EQ(r.changes[0].before, 0u);
  EXPECT_EQ(r.changes[0].after, 8u);
}

TEST(Bisect, AStepThatCannotRunIsAnError) {
  ProbeBatch probe = [](const std::vector<std::size_t>&) -> Result<std::vector<Probe>> {
    return infrastructure_error("qemu-system-x86_64: not found");
  };
  SweepResult r = bisect(3, probe);
  EXPECT_EQ(r.finding, Finding::kError);
  EXPECT_NE(r.failure.find("qemu-system-x86_64"), std::string::npos);
  EXPECT_EQ(r.boots(), 0u);
}

TEST(Bisect, AThirdVerdictIsMoreThanOneChange) {
  ProbeBatch probe = [](const std::vector<std::size_t>& indices) -> Result<std::vector<Probe>> {
    std::vector<Probe> out;
    for (auto i : indices) out.push_back({i == 0 ? "fail" : i == 10 ? "pass" : "skipped", false});
    return out;
  };
  SweepResult r = bisect(11, probe);
  EXPECT_EQ(r.finding, Finding::kSeveralChanges);
  EXPECT_EQ(r.boots(), 3u);
  EXPECT_EQ(r.changes.size(), 2u);
}

TEST(Bisect, NoCandidatesIsAnError) {
  Threshold t{0, {}};
  EXPECT_EQ(bisect(0, t.fn()).finding, Finding::kError);
  EXPECT_TRUE(t.booted.empty());
}

TEST(SweepAll, BootsEveryCandidateInOneStepAndReportsEveryChange) {
  ProbeBatch probe = [](const std::vector<std::size_t>& indices) -> Result<std::vector<Probe>> {
    std::vector<Probe> out;
    for (auto i : indices) out.push_back({(i >= 2 && i < 5) ? "pass" : "fail", false});
    return out;
  };
  SweepResult r = sweep_all(8, probe);
  ASSERT_EQ(r.steps.size(), 1u);
  EXPECT_EQ(r.steps[0], (std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(r.boots(), 8u);
  EXPECT_EQ(r.finding, Finding::kSeveralChanges);
  ASSERT_EQ(r.changes.size(), 2u);
  EXPECT_EQ(r.changes[0].before, 1u);
  EXPECT_EQ(r.changes[0].after, 2u);
  EXPECT_EQ(r.changes[1].before, 4u);
  EXPECT_EQ(r.changes[1].after, 5u);
}

TEST(SweepAll, OneChangeIsTheBoundary) {
  Threshold t{2, {}};
  SweepResult r = sweep_all(3, t.fn());
  EXPECT_EQ(r.finding, Finding::kBoundary);
  EXPECT_EQ(r.boots(), 3u);
}

TEST(SweepAll, ErrorsAreSkippedWhenLookingForChangesButMakeNoAnswer) {
  ProbeBatch probe = [](const std::vector<std::size_t>& indices) -> Result<std::vector<Probe>> {
    std::vector<Probe> out;
    for (auto i : indices) out.push_back(i == 1 ? Probe{"error", true} : Probe{"pass", false});
    return out;
  };
  SweepResult r = sweep_all(3, probe);
  EXPECT_EQ(r.finding, Finding::kError);
  EXPECT_EQ(r.errors, (std::vector<std::size_t>{1}));
  EXPECT_TRUE(r.changes.empty());
}

TEST(FindingName, NamesEachFinding) {
  EXPECT_STREQ(finding_name(Finding::kBoundary), "boundary");
  EXPECT_STREQ(finding_name(Finding::kNoChange), "no_change");
  EXPECT_STREQ(finding_name(Finding::kSeveralChanges), "several_changes");
  EXPECT_STREQ(finding_name(Finding::kError), "error");
}

}  // namespace
}  // namespace bpfcompat::sweep
