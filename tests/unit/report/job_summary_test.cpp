#include <gtest/gtest.h>

#include "bpfcompat/report/outputs.h"
#include "sample_run.h"

namespace bpfcompat::report {
namespace {

TEST(JobSummary, OrdersFailureClassesByCountThenName) {
  std::string md = to_job_summary(testing::sample_suite());
  EXPECT_NE(md.find("| Class | Count |\n|---|---|\n| BOOT_TIMEOUT | 3 |\n"
                    "| FUNCTIONAL_TEST_FAILURE | 1 |\n| UNSUPPORTED_HELPER | 1 |\n"),
            std::string::npos)
      << md;
}

TEST(JobSummary, CountsCodelessFailuresAsTheReferenceDoes) {
  RunReport r = testing::sample_run();
  r.targets[0].verdict.code.clear();
  r.targets[2].verdict.code.clear();
  std::string md = to_job_summary(r);
  EXPECT_NE(md.find("| BOOT_TIMEOUT | 1 |"), std::string::npos);
  EXPECT_NE(md.find("| INFRA_ERROR | 1 |"), std::string::npos);
  EXPECT_NE(md.find("| UNCLASSIFIED_FAILURE | 1 |"), std::string::npos);
}

TEST(JobSummary, LimitsFailureDetailsRequiredFirst) {
  std::string md = to_job_summary(testing::sample_suite(), 1);
  auto details = md.substr(md.find("## Failure details"));
  details = details.substr(0, details.find("## Suggested"));
  EXPECT_NE(details.find("- ❌ **loop-counter on debian-11**: `UNSUPPORTED_HELPER`"),
            std::string::npos);
  EXPECT_EQ(details.find("debian-unstable"), std::string::npos);
  EXPECT_NE(details.find("…and 4 more in the full report."), std::string::npos);
}

TEST(JobSummary, SuggestsEachPresentCodesRemediationOnce) {
  std::string md = to_job_summary(testing::sample_suite());
  auto steps = md.substr(md.find("## Suggested next steps"));
  EXPECT_NE(steps.find("- **BOOT_TIMEOUT**: Raise --timeout"), std::string::npos);
  EXPECT_EQ(steps.find("BOOT_TIMEOUT", steps.find("BOOT_TIMEOUT") + 1), std::string::npos);
  EXPECT_NE(steps.find("- **UNSUPPORTED_HELPER**: bpf_loop needs Linux 5.17"), std::string::npos);
  EXPECT_NE(steps.find("- **FUNCTIONAL_TEST_FAILURE**: Run the smoke command"), std::string::npos);
}

TEST(JobSummary, SuiteGetsTheCasesTable) {
  std::string md = to_job_summary(testing::sample_suite());
  EXPECT_NE(md.find("| exec-behavior | exec_ringbuf.bpf.o | behavior | ❌ fail | 2/1 | 2/1 |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| Suite | `agent-probes` |"), std::string::npos);
}

TEST(JobSummary, PassingRunSaysSoAndStops) {
  RunReport r = testing::sample_run();
  r.targets = {r.targets[1]};
  r.cases.pop_back();
  r.artifacts.pop_back();
  std::string md = to_job_summary(r);
  EXPECT_NE(md.find("**Status:** ✅ pass (exit 0)"), std::string::npos);
  EXPECT_EQ(md.find("## Failure"), std::string::npos);
  const std::string tail = "\n\nNo failures or errors.\n";
  EXPECT_EQ(md.substr(md.size() - tail.size()), tail);
}

}  // namespace
}  // namespace bpfcompat::report
