// make_plan: cases, one job per profile, modes, shards — without QEMU or files.
#include "bpfcompat/plan/planner.h"

#include <gtest/gtest.h>

#include "plan_inputs.h"

namespace bpfcompat::plan {
namespace {

using testing::artifact_case;
using testing::entry;
using testing::matrix;

TEST(Planner, OneCasePerArtifactAndOneJobPerProfile) {
  PlanInputs in;
  in.matrices = {matrix("m", {entry("a"), entry("b")})};
  in.cases = {artifact_case("x.bpf.o"), artifact_case("y.bpf.o")};
  auto plan = make_plan(in);
  ASSERT_TRUE(plan) << plan.error().describe();
  ASSERT_EQ(plan->cases.size(), 2u);
  EXPECT_EQ(plan->cases[0].name, "x.bpf.o");
  ASSERT_EQ(plan->jobs.size(), 2u);
  EXPECT_EQ(plan->jobs[0].entry.profile.id, "a");
  EXPECT_EQ(plan->jobs[0].cases, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(plan->artifacts.size(), 2u);
  EXPECT_EQ(plan->matrix_name, "m");
}

TEST(Planner, SuiteCasesOnTwoMatricesShareTheirCommonProfile) {
  PlanInputs in;
  in.matrices = {matrix("m1", {entry("a", false), entry("b")}), matrix("m2", {entry("a")})};
  in.cases = {artifact_case("x.bpf.o", 0), artifact_case("y.bpf.o", 1)};
  auto plan = make_plan(in);
  ASSERT_TRUE(plan) << plan.error().describe();
  ASSERT_EQ(plan->jobs.size(), 2u);
  EXPECT_EQ(plan->jobs[0].entry.profile.id, "a");
  EXPECT_EQ(plan->jobs[0].cases, (std::vector<std::size_t>{0, 1}));  // one boot for both
  EXPECT_TRUE(plan->jobs[0].entry.required);  // required when any matrix requires it
  EXPECT_EQ(plan->jobs[1].cases, (std::vector<std::size_t>{0}));
  EXPECT_EQ(plan->cases[1].matrix_name, "m2");
}

TEST(Planner, SameArtifactTwiceIsListedOnceAndSameNamesGetSuffixes) {
  PlanInputs in;
  in.matrices = {matrix("m", {entry("a")})};
  CaseSpec other = artifact_case("x.bpf.o");
  other.artifact->path = "/elsewhere/x.bpf.o";
  in.cases = {artifact_case("x.bpf.o"), artifact_case("x.bpf.o"), other};
  auto plan = make_plan(in);
  ASSERT_TRUE(plan) << plan.error().describe();
  ASSERT_EQ(plan->artifacts.size(), 2u);
  EXPECT_EQ(plan->artifacts[1].name, "x.bpf.o#2");
  EXPECT_EQ(plan->cases[2].name, "x.bpf.o#2");
}

TEST(Planner, ModeRules) {
  CaseSpec plain = artifact_case("x.bpf.o");
  EXPECT_EQ(resolve_mode(plain, std::nullopt), config::CaseMode::kLoadAttach);
  CaseSpec tested = plain;
  tested.manifest = testing::manifest_with_tests();
  EXPECT_EQ(resolve_mode(tested, std::nullopt), config::CaseMode::kBehavior);
  tested.mode = config::CaseMode::kLoadOnly;  // the case's own mode wins over the manifest
  EXPECT_EQ(resolve_mode(tested, std::nullopt), config::CaseMode::kLoadOnly);
  // --mode wins over both
  EXPECT_EQ(resolve_mode(tested, config::CaseMode::kLoadAttach), config::CaseMode::kLoadAttach);
  CaseSpec command;
  command.command = Command{"true", "", "", "", Linkage::kStatic, 0};
  EXPECT_EQ(resolve_mode(command, config::CaseMode::kLoadOnly), config::CaseMode::kCommand);
}

TEST(Planner, ReportModeIsMixedWhenCasesDiffer) {
  PlanInputs in;
  in.matrices = {matrix("m", {entry("a")})};
  in.cases = {artifact_case("x.bpf.o"), artifact_case("y.bpf.o")};
  in.cases[1].mode = config::CaseMode::kLoadOnly;
  auto plan = make_plan(in);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->mode_label(), "mixed");
  in.cases[1].mode.reset();
  EXPECT_EQ(make_plan(in)->mode_label(), "load_attach");
}

TEST(Planner, CommandCaseNamedAfterItsBinaryAndNeedsAShell) {
  PlanInputs in;
  in.matrices = {matrix("m", {entry("a")})};
  CaseSpec c;
  c.command = Command{"$BPFCOMPAT_BIN", "/bin/loader", "loader", "sha", Linkage::kStatic, 3};
  in.cases = {c};
  auto plan = make_plan(in);
  ASSERT_TRUE(plan) << plan.error().describe();
  EXPECT_EQ(plan->cases[0].name, "loader");
  EXPECT_TRUE(plan->cases[0].needs_shell());
  EXPECT_EQ(plan->mode_label(), "command");
}

// test-command --bin L --artifact O: the case is the loader's, not the object's (the object is
// only its input).
TEST(Planner, CommandCaseWithAnArtifactIsStillNamedAfterItsBinary) {
  PlanInputs in;
  in.matrices = {matrix("m", {entry("a")})};
  CaseSpec c = artifact_case("bpf_loop.bpf.o");
  c.command = Command{"$BPFCOMPAT_BIN", "/bin/loader", "loader", "sha", Linkage::kStatic, 3};
  in.cases = {c};
  auto plan = make_plan(in);
  ASSERT_TRUE(plan) << plan.error().describe();
  EXPECT_EQ(plan->cases[0].name, "loader");
  ASSERT_TRUE(plan->cases[0].artifact);
  EXPECT_EQ(plan->cases[0].artifact->name, "bpf_loop.bpf.o");
}

// A case's long timeout stretches the boot of the profiles that serve it, not every boot.
TEST(Planner, BootBudgetIsTheLargestTimeoutOfTheJobsOwnCases) {
  using std::chrono::seconds;
  PlanInputs in;
  in.matrices = {matrix("slow", {entry("a")}), matrix("fast", {entry("b")})};
  CaseSpec slow = artifact_case("slow.bpf.o", 0);
  slow.timeout = seconds(900);
  CaseSpec quick = artifact_case("quick.bpf.o", 1);
  quick.timeout = seconds(60);  // below the base: the base stays
  in.cases = {slow, quick};
  auto plan = make_plan(in);
  ASSERT_TRUE(plan) << plan.error().describe();
  ASSERT_EQ(plan->jobs.size(), 2u);
  EXPECT_EQ(plan->boot_budget(plan->jobs[0], seconds(300)), seconds(900));
  EXPECT_EQ(plan->boot_budget(plan->jobs[1], seconds(300)), seconds(300));
}

// The matrix entry's own timeout is the profile's budget, whatever --timeout and the cases say.
TEST(Planner, BootBudgetOfAProfileWithItsOwnTimeoutIsThatTimeout) {
  using std::chrono::seconds;
  PlanInputs in;
  config::MatrixEntry own = entry("a");
  own.timeout = seconds(120);
  in.matrices = {matrix("m", {own})};
  CaseSpec slow = artifact_case("slow.bpf.o");
  slow.timeout = seconds(900);
  in.cases = {slow};
  auto plan = make_plan(in);
  ASSERT_TRUE(plan) << plan.error().describe();
  EXPECT_EQ(plan->boot_budget(plan->jobs[0], seconds(300)), seconds(120));
  EXPECT_EQ(plan->boot_budget(plan->jobs[0], seconds(30)), seconds(120));
}

TEST(Planner, ShardKeepsEveryNthProfile) {
  PlanInputs in;
  in.matrices = {matrix("m", {entry("a"), entry("b"), entry("c"), entry("d"), entry("e")})};
  in.cases = {artifact_case("x.bpf.o")};
  in.shard = {2, 2};
  auto plan = make_plan(in);
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->jobs.size(), 2u);
  EXPECT_EQ(plan->jobs[0].entry.profile.id, "b");
  EXPECT_EQ(plan->jobs[1].entry.profile.id, "d");
  EXPECT_EQ(plan->cases.size(), 1u);  // the report still lists every case
}

TEST(Planner, ShardsPartitionTheProfiles) {
  for (int n = 1; n <= 4; ++n) {
    std::vector<int> seen(7, 0);
    for (int i = 1; i <= n; ++i) {
      for (std::size_t p = 0; p < seen.size(); ++p) seen[p] += profile_in_shard(p, i, n);
    }
    for (int count : seen) EXPECT_EQ(count, 1) << "N=" << n;
  }
}

}  // namespace
}  // namespace bpfcompat::plan
