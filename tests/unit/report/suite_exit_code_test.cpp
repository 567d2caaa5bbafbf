#include <gtest/gtest.h>

#include "bpfcompat/report/report.h"
#include "sample_run.h"

namespace bpfcompat::report {
namespace {

using classify::Status;

TargetReport in_case(std::string case_name, bool required, Status status) {
  TargetReport t = testing::target("debian-12", required, status);
  t.artifact = std::move(case_name);
  return t;
}

struct SuiteCase {
  std::string name;
  std::vector<TargetReport> targets;
  bool interrupted;
  std::vector<int> case_codes;  // for cases a, b in that order
  int suite_code;
};

std::vector<SuiteCase> suite_cases() {
  return {
      {"all_pass",
       {in_case("a", true, Status::kPass), in_case("b", true, Status::kPass)},
       false,
       {0, 0},
       0},
      {"one_case_fails",
       {in_case("a", true, Status::kFail), in_case("b", true, Status::kPass)},
       false,
       {2, 0},
       2},
      {"error_is_sticky_over_fail",
       {in_case("a", true, Status::kFail), in_case("b", true, Status::kError)},
       false,
       {2, 1},
       1},
      {"error_before_fail_still_wins",
       {in_case("a", true, Status::kError), in_case("b", true, Status::kFail)},
       false,
       {1, 2},
       1},
      {"fail_outranks_error_inside_a_case",
       {in_case("a", true, Status::kFail), in_case("a", true, Status::kError),
        in_case("b", true, Status::kPass)},
       false,
       {2, 0},
       2},
      {"optional_targets_never_gate",
       {in_case("a", false, Status::kFail), in_case("b", false, Status::kError)},
       false,
       {0, 0},
       0},
      {"skipped_passes",
       {in_case("a", true, Status::kSkipped), in_case("b", true, Status::kPass)},
       false,
       {0, 0},
       0},
      {"interrupted",
       {in_case("a", true, Status::kPass), in_case("b", true, Status::kError)},
       true,
       {0, 1},
       130},
      {"interrupted_after_a_fail",
       {in_case("a", true, Status::kFail), in_case("b", true, Status::kPass)},
       true,
       {2, 0},
       130},
      {"case_without_targets", {in_case("a", true, Status::kPass)}, false, {0, 0}, 0},
  };
}

class SuiteExitCode : public ::testing::TestWithParam<SuiteCase> {};

TEST_P(SuiteExitCode, RollsUpCasesLikeTheReference) {
  const SuiteCase& c = GetParam();
  RunReport r;
  r.suite_name = "s";
  r.cases = {{"a", "a.bpf.o", "", "default", "load_attach", "", 0, "", ""},
             {"b", "b.bpf.o", "", "default", "load_attach", "", 0, "", ""}};
  r.targets = c.targets;
  r.interrupted = c.interrupted;
  EXPECT_EQ(case_exit_code(r, "a"), c.case_codes[0]);
  EXPECT_EQ(case_exit_code(r, "b"), c.case_codes[1]);
  EXPECT_EQ(suite_exit_code(r), c.suite_code);
  EXPECT_EQ(report_exit_code(r), c.suite_code);
}

INSTANTIATE_TEST_SUITE_P(Table, SuiteExitCode, ::testing::ValuesIn(suite_cases()),
                         [](const ::testing::TestParamInfo<SuiteCase>& param_info) {
                           return param_info.param.name;
                         });

TEST(SuiteExitCode, ReportExitCodeIsTheRunsOutsideASuite) {
  RunReport r;
  r.targets = {in_case("a", true, Status::kFail), in_case("b", true, Status::kError)};
  EXPECT_EQ(report_exit_code(r), 2);
  r.suite_name = "s";
  EXPECT_EQ(report_exit_code(r), 1);
}

TEST(SuiteExitCode, CasesComeFromArtifactsWhenTheReportListsNone) {
  RunReport r;
  r.suite_name = "s";
  r.artifacts = {{"a", "/a", ""}, {"b", "/b", ""}};
  r.targets = {in_case("a", true, Status::kFail), in_case("b", true, Status::kError)};
  EXPECT_EQ(suite_exit_code(r), 1);
}

TEST(SuiteExitCode, SampleSuiteFailsOnDebian11) {
  RunReport r = testing::sample_suite();
  EXPECT_EQ(case_exit_code(r, "exec-ringbuf"), 0);
  EXPECT_EQ(case_exit_code(r, "loop-counter"), 2);
  EXPECT_EQ(case_exit_code(r, "exec-behavior"), 2);
  EXPECT_EQ(suite_exit_code(r), 2);
}

}  // namespace
}  // namespace bpfcompat::report
