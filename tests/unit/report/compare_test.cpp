#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/report/compare.h"
#include "sample_run.h"

namespace bpfcompat::report {
namespace {

using classify::Status;

TargetReport t(std::string profile, Status status, std::string code = "", bool required = true) {
  TargetReport r = testing::target(std::move(profile), required, status, std::move(code));
  r.artifact = "a.bpf.o";
  return r;
}

struct DiffCase {
  std::string name;
  std::vector<TargetReport> base;
  std::vector<TargetReport> head;
  Change change;  // of the first target in the comparison
  bool required_regression;
};

std::vector<DiffCase> diff_cases() {
  return {
      {"same", {t("p", Status::kPass)}, {t("p", Status::kPass)}, Change::kUnchanged, false},
      {"fail_to_pass",
       {t("p", Status::kFail, "X")},
       {t("p", Status::kPass)},
       Change::kImproved,
       false},
      {"error_to_skipped",
       {t("p", Status::kError, "E")},
       {t("p", Status::kSkipped)},
       Change::kImproved,
       false},
      {"pass_to_fail",
       {t("p", Status::kPass)},
       {t("p", Status::kFail, "X")},
       Change::kRegressed,
       true},
      {"pass_to_error",
       {t("p", Status::kPass)},
       {t("p", Status::kError, "BOOT_TIMEOUT")},
       Change::kRegressed,
       true},
      {"error_to_fail",
       {t("p", Status::kError, "E")},
       {t("p", Status::kFail, "X")},
       Change::kRegressed,
       false},
      {"pass_to_skipped",
       {t("p", Status::kPass)},
       {t("p", Status::kSkipped)},
       Change::kRegressed,
       false},
      {"optional_pass_to_fail",
       {t("p", Status::kPass, "", false)},
       {t("p", Status::kFail, "X", false)},
       Change::kRegressed,
       false},
      {"same_status_other_code",
       {t("p", Status::kFail, "UNSUPPORTED_HELPER")},
       {t("p", Status::kFail, "VERIFIER_REJECTION")},
       Change::kChanged,
       false},
      {"added", {}, {t("p", Status::kFail, "X")}, Change::kAdded, false},
      {"removed_required", {t("p", Status::kFail, "X")}, {}, Change::kRemoved, true},
      {"removed_optional", {t("p", Status::kPass, "", false)}, {}, Change::kRemoved, false},
  };
}

class CompareReports : public ::testing::TestWithParam<DiffCase> {};

TEST_P(CompareReports, ClassifiesTheChange) {
  const DiffCase& c = GetParam();
  RunReport base, head;
  base.targets = c.base;
  head.targets = c.head;
  auto result = compare_reports(base, head);
  ASSERT_TRUE(result) << result.error().describe();
  const Comparison& cmp = *result;
  ASSERT_EQ(cmp.targets.size(), 1u);
  EXPECT_EQ(cmp.targets[0].change, c.change) << change_name(cmp.targets[0].change);
  EXPECT_EQ(cmp.required_regressions, c.required_regression ? 1 : 0);
  EXPECT_EQ(cmp.improved, c.change == Change::kImproved ? 1 : 0);
  EXPECT_EQ(cmp.regressed, c.change == Change::kRegressed ? 1 : 0);
  EXPECT_EQ(cmp.changed, c.change == Change::kChanged ? 1 : 0);
  EXPECT_EQ(cmp.added, c.change == Change::kAdded ? 1 : 0);
  EXPECT_EQ(cmp.removed, c.change == Change::kRemoved ? 1 : 0);
  auto j = nlohmann::json::parse(comparison_json(cmp));
  EXPECT_EQ(j["targets"][0]["change"], change_name(c.change));
  EXPECT_EQ(j["targets"][0]["required_regression"], c.required_regression);
  EXPECT_EQ(j["summary"]["required_regressions"], c.required_regression ? 1 : 0);
}

INSTANTIATE_TEST_SUITE_P(Table, CompareReports, ::testing::ValuesIn(diff_cases()),
                         [](const ::testing::TestParamInfo<DiffCase>& param_info) {
                           return param_info.param.name;
                         });

TEST(CompareReports, MatchesTargetsByProfileAndCaseHeadOrderThenRemoved) {
  RunReport base = testing::sample_run();
  RunReport head = testing::sample_run();
  head.targets[0].verdict = {};  // debian-11 × loop.bpf.o now passes
  head.targets[0].verdict.status = Status::kPass;
  std::swap(head.targets[1], head.targets[4]);
  head.targets.pop_back();  // debian-unstable × freplace.bpf.o gone (optional)
  auto result = compare_reports(base, head);
  ASSERT_TRUE(result);
  const Comparison& c = *result;
  ASSERT_EQ(c.targets.size(), 6u);
  EXPECT_EQ(c.targets[0].change, Change::kImproved);
  EXPECT_EQ(c.targets[1].profile_id, "debian-12");
  EXPECT_EQ(c.targets[1].case_name, "freplace.bpf.o");
  EXPECT_EQ(c.targets[5].change, Change::kRemoved);
  EXPECT_EQ(c.targets[5].base_status, "error");
  EXPECT_EQ(c.targets[5].head_status, "");
  EXPECT_FALSE(c.targets[5].required);
  EXPECT_EQ(c.improved, 1);
  EXPECT_EQ(c.removed, 1);
  EXPECT_EQ(c.required_regressions, 0);
}

TEST(ComparisonMarkdown, ListsOnlyChangesAndFlagsRequiredRegressions) {
  RunReport base, head;
  base.targets = {t("debian-11", Status::kPass), t("debian-12", Status::kPass)};
  head.targets = {t("debian-11", Status::kFail, "UNSUPPORTED_HELPER"),
                  t("debian-12", Status::kPass)};
  std::string md = comparison_markdown(*compare_reports(base, head));
  EXPECT_NE(md.find("**❌ 1 required regression** — 0 improved · 1 regressed · 0 changed · 0 added "
                    "· 0 removed · 1 unchanged"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| debian-11 | a.bpf.o | yes | ✅ pass | ❌ fail [UNSUPPORTED_HELPER] | "
                    "**regressed (required)** |"),
            std::string::npos);
  EXPECT_EQ(md.find("| debian-12 |"), std::string::npos);
}

TEST(ComparisonMarkdown, SaysWhenNothingChanged) {
  RunReport r = testing::sample_run();
  std::string md = comparison_markdown(*compare_reports(r, r));
  EXPECT_NE(md.find("**✅ no required regression**"), std::string::npos);
  EXPECT_NE(md.find("No target changed.\n"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat::report
