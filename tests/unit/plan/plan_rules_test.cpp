// The rules a plan's inputs must satisfy: each broken rule is reported, all of them at once.
#include <gtest/gtest.h>

#include "bpfcompat/plan/planner.h"
#include "plan_inputs.h"

namespace bpfcompat::plan {
namespace {

using testing::artifact_case;
using testing::entry;
using testing::matrix;

std::string problems_of(const PlanInputs& in) {
  auto plan = make_plan(in);
  EXPECT_FALSE(plan);
  if (plan) return "";
  EXPECT_EQ(plan.error().kind, ErrorKind::kInvalidInput);
  return plan.error().describe() + "\n" + plan.error().hint;
}

TEST(PlanRules, NoCaseIsAnError) {
  PlanInputs in;
  in.matrices = {matrix("m", {entry("a")})};
  EXPECT_NE(problems_of(in).find("no artifact given"), std::string::npos);
}

TEST(PlanRules, RequiredProfileMissingFromTheMatrix) {
  PlanInputs in;
  in.matrices = {matrix("m", {entry("a")})};
  in.cases = {artifact_case("x.bpf.o")};
  in.cases[0].manifest = config::Manifest{};
  in.cases[0].manifest->path = "/m/manifest.yaml";
  in.cases[0].manifest->required_profiles = {"a", "rhel-9"};
  std::string text = problems_of(in);
  EXPECT_NE(text.find("required_profiles names 'rhel-9'"), std::string::npos) << text;
  EXPECT_EQ(text.find("names 'a'"), std::string::npos) << text;
}

TEST(PlanRules, DynamicLoaderNeedsACloudImageProfile) {
  PlanInputs in;
  in.matrices = {matrix("kernels", {entry("a")}),
                 matrix("clouds", {entry("c", true, config::Lane::kCloudImage)})};
  CaseSpec c;
  c.command = Command{"$BPFCOMPAT_BIN", "/bin/loader", "loader", "sha", Linkage::kDynamic, 0};
  in.cases = {c};
  std::string text = problems_of(in);
  EXPECT_NE(text.find("dynamically linked"), std::string::npos) << text;
  EXPECT_NE(text.find("link it statically"), std::string::npos) << text;
  in.cases[0].matrix = 1;  // the same loader on a cloud image is fine
  EXPECT_TRUE(make_plan(in));
}

TEST(PlanRules, HostLaneIsNotRunYet) {
  PlanInputs in;
  in.matrices = {matrix("m", {entry("h", true, config::Lane::kHost)})};
  in.cases = {artifact_case("x.bpf.o")};
  EXPECT_NE(problems_of(in).find("lane 'host'"), std::string::npos);
}

TEST(PlanRules, ProfileDefinedTwiceDifferently) {
  PlanInputs in;
  auto a1 = entry("a");
  auto a2 = entry("a");
  a2.profile.origin = "/m/other.yaml:3";
  in.matrices = {matrix("m1", {a1}), matrix("m2", {a2})};
  in.cases = {artifact_case("x.bpf.o", 0), artifact_case("y.bpf.o", 1)};
  EXPECT_NE(problems_of(in).find("defined twice"), std::string::npos);
}

TEST(PlanRules, EveryProblemOfASuiteAtOnce) {
  PlanInputs in;
  in.matrices = {matrix("m", {entry("a")})};
  CaseSpec both;
  both.name = "both";
  both.origin = "suite.yaml:4";
  both.command = Command{"true", "", "", "", Linkage::kStatic, 0};
  both.manifest = config::Manifest{};
  CaseSpec bad_exit;
  bad_exit.name = "bad-exit";
  bad_exit.origin = "suite.yaml:9";
  bad_exit.command = Command{"true", "", "", "", Linkage::kStatic, 0};
  bad_exit.command->expect_exit = 300;
  in.cases = {both, bad_exit};
  std::string text = problems_of(in);
  EXPECT_NE(text.find("2 problems"), std::string::npos) << text;
  EXPECT_NE(text.find("suite.yaml:4: case both: a command case has a manifest"), std::string::npos)
      << text;
  EXPECT_NE(text.find("suite.yaml:9: case bad-exit: expected exit code 300"), std::string::npos)
      << text;
}

}  // namespace
}  // namespace bpfcompat::plan
