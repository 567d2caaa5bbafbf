#include <gtest/gtest.h>

#include "bpfcompat/report/report.h"
#include "sample_run.h"

namespace bpfcompat::report {
namespace {

using classify::Status;
using testing::target;

struct ExitCase {
  std::string name;
  std::vector<TargetReport> targets;
  bool interrupted;
  int exit_code;
  std::string status;
};

std::vector<ExitCase> exit_cases() {
  return {
      {"all_required_pass",
       {target("a", true, Status::kPass), target("b", true, Status::kPass)},
       false,
       0,
       "pass"},
      {"required_fail_and_required_error",
       {target("a", true, Status::kFail, "UNSUPPORTED_HELPER"),
        target("b", true, Status::kError, "BOOT_TIMEOUT")},
       false,
       2,
       "fail"},
      {"optional_fail",
       {target("a", true, Status::kPass), target("b", false, Status::kFail)},
       false,
       0,
       "pass"},
      {"optional_error",
       {target("a", true, Status::kPass), target("b", false, Status::kError)},
       false,
       0,
       "pass"},
      {"required_error", {target("a", true, Status::kError, "NO_RESULT")}, false, 1, "error"},
      {"required_skipped", {target("a", true, Status::kSkipped)}, false, 0, "pass"},
      {"interrupted", {target("a", true, Status::kPass)}, true, 130, "error"},
      {"interrupted_with_required_error", {target("a", true, Status::kError)}, true, 130, "error"},
      {"interrupted_with_required_fail", {target("a", true, Status::kFail)}, true, 2, "fail"},
      {"no_targets", {}, false, 0, "pass"},
  };
}

class ExitCode : public ::testing::TestWithParam<ExitCase> {};

TEST_P(ExitCode, FollowsRequiredTargets) {
  const ExitCase& c = GetParam();
  RunReport r;
  r.targets = c.targets;
  r.interrupted = c.interrupted;
  EXPECT_EQ(exit_code(r), c.exit_code);
  EXPECT_EQ(run_status(r), c.status);
}

INSTANTIATE_TEST_SUITE_P(Table, ExitCode, ::testing::ValuesIn(exit_cases()),
                         [](const ::testing::TestParamInfo<ExitCase>& param_info) {
                           return param_info.param.name;
                         });

TEST(ExitCode, SampleRunFailsOnRequiredIncompatibility) {
  RunReport r = testing::sample_run();
  EXPECT_EQ(exit_code(r), 2);
  EXPECT_EQ(run_status(r), "fail");
}

}  // namespace
}  // namespace bpfcompat::report
