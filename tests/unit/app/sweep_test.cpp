// The app side of `bpfcompat sweep` without booting: --profile resolution, the --from/--to range,
// pinned candidates, a step's matrix (the --all plan), and a step's report read back as probes.
#include <fstream>

#include <gtest/gtest.h>

#include "bpfcompat/core/temp_dir.h"
#include "sweep_candidates.h"
#include "sweep_steps.h"

namespace bpfcompat::app {
namespace {

config::KernelSource rpm_source() {
  config::KernelSource s;
  s.rpm = config::RpmSource{};
  s.rpm->repo = "https://example.invalid/9/BaseOS/x86_64/os/";
  s.rpm->package = "kernel-core";
  return s;
}

TEST(SweepProfile, FindsAShippedProfileByIdAndABuiltInOne) {
  auto rocky = resolve_sweep_profile("rocky-9", "bpfcompat");
  ASSERT_TRUE(rocky) << rocky.error().describe();
  EXPECT_EQ(rocky->id, "rocky-9");
  ASSERT_TRUE(rocky->kernel.rpm);
  EXPECT_NE(rocky->origin.find("profiles/rocky-9.yaml"), std::string::npos);
  auto debian = resolve_sweep_profile("debian-12", "bpfcompat");
  ASSERT_TRUE(debian) << debian.error().describe();
  EXPECT_TRUE(debian->kernel.apt);
}

TEST(SweepProfile, ReadsAProfileFile) {
  auto dir = TempDir::create("sweep-profile");
  ASSERT_TRUE(dir);
  std::string path = dir->path() + "/mine.yaml";
  std::ofstream(path) << "id: mine\nkernel:\n  rpm: {repo: http://127.0.0.1:1/el9/, package: "
                         "kernel-core}\n";
  auto p = resolve_sweep_profile(path, "bpfcompat");
  ASSERT_TRUE(p) << p.error().describe();
  EXPECT_EQ(p->id, "mine");
}

TEST(SweepProfile, AnUnknownIdIsInvalidInputSuggestingTheClosest) {
  auto p = resolve_sweep_profile("rocky-99", "bpfcompat");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(p.error().message.find("--profile: unknown profile 'rocky-99'"), std::string::npos)
      << p.error().message;
  EXPECT_NE(p.error().hint.find("rocky-9"), std::string::npos) << p.error().hint;
}

TEST(SweepProfile, AProfileWithoutAnIndexIsRefused) {
  auto dir = TempDir::create("sweep-profile");
  ASSERT_TRUE(dir);
  std::string path = dir->path() + "/local.yaml";
  std::ofstream(dir->path() + "/vmlinuz") << "x";
  std::ofstream(path) << "id: local\nkernel:\n  local: {vmlinuz: vmlinuz}\n";
  auto p = resolve_sweep_profile(path, "bpfcompat");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(p.error().message.find("apt or rpm"), std::string::npos) << p.error().message;
}

TEST(SweepRange, BoundsAreInclusiveInTheSourcesOrder) {
  // rpm order: 70 < 362 < 427 < 503 (text order would put 70 last).
  std::vector<std::string> all = {"5.14.0-70.el9", "5.14.0-362.el9", "5.14.0-427.el9",
                                  "5.14.0-503.el9"};
  auto mid = versions_in_range(rpm_source(), all, "5.14.0-362.el9", "5.14.0-427.el9");
  ASSERT_TRUE(mid);
  EXPECT_EQ(*mid, (std::vector<std::string>{"5.14.0-362.el9", "5.14.0-427.el9"}));
  auto from = versions_in_range(rpm_source(), all, "5.14.0-100", "");
  ASSERT_TRUE(from);
  EXPECT_EQ(from->front(), "5.14.0-362.el9");
  auto every = versions_in_range(rpm_source(), all, "", "");
  ASSERT_TRUE(every);
  EXPECT_EQ(*every, all);
}

TEST(SweepRange, AnEmptyRangeListsWhatTheIndexOffers) {
  auto none = versions_in_range(rpm_source(), {"5.14.0-70.el9", "5.14.0-427.el9"}, "6.0", "");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(none.error().message.find("5.14.0-70.el9, 5.14.0-427.el9"), std::string::npos)
      << none.error().message;
}

TEST(SweepCandidate, PinsTheVersionExactlyUnderAnIdOfItsOwn) {
  config::Profile p;
  p.id = "rocky-9";
  p.kernel = rpm_source();
  config::Profile c = pinned_candidate(p, "5.14.0-427.13.1.el9_4");
  EXPECT_EQ(c.id, "rocky-9@5.14.0-427.13.1.el9_4");
  EXPECT_EQ(c.kernel.rpm->version, "5.14.0-427.13.1.el9_4");
  config::Profile apt = *config::find_builtin_profile("debian-12");
  EXPECT_EQ(pinned_candidate(apt, "6.1.170-3").kernel.apt->version, "6.1.170-3");
}

TEST(SweepStepMatrix, AllPlanIsOneMatrixOfEveryCandidatePinned) {
  config::Profile p;
  p.id = "rocky-9";
  p.kernel = rpm_source();
  std::vector<std::string> versions = {"5.14.0-70.el9", "5.14.0-362.el9", "5.14.0-427.el9"};
  config::Matrix m = step_matrix(p, versions, {0, 1, 2});
  ASSERT_EQ(m.entries.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(m.entries[i].profile.id, "rocky-9@" + versions[i]);
    EXPECT_EQ(m.entries[i].profile.kernel.rpm->version, versions[i]);
    EXPECT_TRUE(m.entries[i].required);
  }
  EXPECT_EQ(step_matrix(p, versions, {1}).entries.size(), 1u);
}

report::TargetReport target(const std::string& id, classify::Status status,
                            const std::string& code) {
  report::TargetReport t;
  t.profile_id = id;
  t.verdict.status = status;
  t.verdict.code = code;
  t.observed_kernel = "5.14.0-70.el9.x86_64";
  return t;
}

TEST(SweepStepReport, ReadsEachCandidatesVerdictAndWhatDecidedIt) {
  report::RunReport run;
  run.run_id = "r1";
  run.run_dir = "/w/runs/r1";
  auto fail = target("rocky-9@A", classify::Status::kFail, "UNSUPPORTED_HELPER");
  report::ProgramReport prog;
  prog.unsupported_helpers = {"loop"};
  fail.programs = {prog, prog};
  run.targets = {fail, target("rocky-9@B", classify::Status::kPass, "")};
  auto a = tested_from(run, "rocky-9@A", "A");
  EXPECT_EQ(a.verdict, "fail");
  EXPECT_EQ(a.detail, "UNSUPPORTED_HELPER bpf_loop");
  EXPECT_EQ(a.run_report, "/w/runs/r1/report.json");
  EXPECT_EQ(a.observed_kernel, "5.14.0-70.el9.x86_64");
  EXPECT_FALSE(probe_of(a, false).error);
  auto b = tested_from(run, "rocky-9@B", "B");
  EXPECT_EQ(b.verdict, "pass");
  EXPECT_EQ(b.detail, "");
  EXPECT_EQ(probe_of(b, false).verdict, "pass");
}

TEST(SweepStepReport, ErrorsMissingTargetsAndInterruptedRunsAreNeverVerdicts) {
  report::RunReport run;
  run.targets = {target("x@A", classify::Status::kError, "BOOT_TIMEOUT")};
  auto a = tested_from(run, "x@A", "A");
  EXPECT_TRUE(probe_of(a, false).error);
  EXPECT_EQ(a.detail, "BOOT_TIMEOUT");
  auto missing = tested_from(run, "x@B", "B");
  EXPECT_EQ(missing.verdict, "error");
  EXPECT_TRUE(probe_of(missing, false).error);
  run.targets = {target("x@A", classify::Status::kPass, "")};
  EXPECT_TRUE(probe_of(tested_from(run, "x@A", "A"), true).error);
}

}  // namespace
}  // namespace bpfcompat::app
