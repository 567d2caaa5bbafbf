// The load-failure table: every classification rule, with realistic libbpf and verifier output.
#include <gtest/gtest.h>

#include "load_case.h"

namespace bpfcompat::classify {
namespace {

using testing::LoadCase;

std::vector<LoadCase> all_cases() {
  std::vector<LoadCase> cases = testing::feature_load_cases();
  for (auto& c : testing::log_load_cases()) cases.push_back(std::move(c));
  return cases;
}

class LoadFailure : public ::testing::TestWithParam<LoadCase> {};

TEST_P(LoadFailure, ClassifiesWithCodeConfidenceEvidenceAndRemediation) {
  const LoadCase& c = GetParam();
  ArtifactVerdict v = classify_artifact(c.artifact, &c.guest, Mode::kLoadAttach);
  ASSERT_FALSE(v.programs.empty());
  const Verdict& p = v.programs[0].verdict;
  EXPECT_EQ(p.status, Status::kFail);
  EXPECT_EQ(p.code, c.code);
  EXPECT_EQ(confidence_name(p.confidence), std::string(confidence_name(c.confidence)));
  EXPECT_EQ(p.evidence, c.evidence);
  EXPECT_NE(p.reason.find(c.reason_has), std::string::npos) << p.reason;
  EXPECT_NE(p.remediation.find(c.remediation_has), std::string::npos) << p.remediation;
  EXPECT_EQ(v.target.code, c.code);
}

INSTANTIATE_TEST_SUITE_P(Rules, LoadFailure, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<LoadCase>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace bpfcompat::classify
