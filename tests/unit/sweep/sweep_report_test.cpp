#include "bpfcompat/sweep/sweep_report.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"
#include "support/json_schema.h"

namespace bpfcompat::sweep {
namespace {

TestedVersion tested(std::string version, std::string verdict, std::string detail = {}) {
  TestedVersion t;
  t.version = std::move(version);
  t.verdict = std::move(verdict);
  t.detail = std::move(detail);
  t.code = t.detail.empty() ? "" : t.detail.substr(0, t.detail.find(' '));
  t.step = 1;
  t.run_report = "/w/runs/r1/report.json";
  return t;
}

SweepReport boundary_report() {
  SweepReport r;
  r.strategy = "bisect";
  r.profile_id = "rocky-9";
  r.candidates = {"5.14.0-362.el9", "5.14.0-427.el9", "5.14.0-503.el9"};
  r.available = r.candidates;
  r.tested = {tested("5.14.0-362.el9", "fail", "UNSUPPORTED_HELPER bpf_loop"),
              tested("5.14.0-427.el9", "pass"), tested("5.14.0-503.el9", "pass")};
  r.finding = "boundary";
  r.changes = {{"5.14.0-362.el9", "5.14.0-427.el9"}};
  r.boots = 3;
  r.exit_code = 0;
  return r;
}

TEST(SweepSummary, FailThenPassSaysFromWhichVersionOnItLoads) {
  EXPECT_EQ(summarize(boundary_report()),
            "loads from 5.14.0-427.el9 on; fails on 5.14.0-362.el9 and older "
            "(UNSUPPORTED_HELPER bpf_loop)");
}

TEST(SweepSummary, PassThenFailSaysFromWhichVersionOnItFails) {
  SweepReport r = boundary_report();
  r.tested = {tested("5.14.0-362.el9", "pass"),
              tested("5.14.0-427.el9", "fail", "ATTACH_FAILED do_unlinkat")};
  EXPECT_EQ(summarize(r),
            "fails from 5.14.0-427.el9 on (ATTACH_FAILED do_unlinkat); loads on 5.14.0-362.el9 "
            "and older");
}

TEST(SweepSummary, NoChangeNamesBothEnds) {
  SweepReport r = boundary_report();
  r.finding = "no_change";
  r.changes.clear();
  r.tested = {tested("5.14.0-362.el9", "pass"), tested("5.14.0-503.el9", "pass")};
  std::string s = summarize(r);
  EXPECT_NE(s.find("no change between 5.14.0-362.el9 and 5.14.0-503.el9: loads on both"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("--all"), std::string::npos) << s;
}

TEST(SweepSummary, SeveralChangesListsEach) {
  SweepReport r = boundary_report();
  r.strategy = "all";
  r.finding = "several_changes";
  r.tested.push_back(tested("5.14.0-570.el9", "fail", "ATTACH_FAILED x"));
  r.changes = {{"5.14.0-362.el9", "5.14.0-427.el9"}, {"5.14.0-503.el9", "5.14.0-570.el9"}};
  std::string s = summarize(r);
  EXPECT_EQ(s,
            "more than one change: fails (UNSUPPORTED_HELPER bpf_loop) on 5.14.0-362.el9, loads "
            "on 5.14.0-427.el9; loads on 5.14.0-503.el9, fails (ATTACH_FAILED x) on "
            "5.14.0-570.el9");
}

TEST(SweepSummary, AnErrorSaysThereIsNoAnswerAndWhy) {
  SweepReport r;
  r.finding = "error";
  r.error = "5.14.0-427.el9: ERROR BOOT_TIMEOUT (a machine problem, not a verdict change)";
  EXPECT_EQ(summarize(r), "no answer: " + r.error);
}

TEST(SweepJson, CarriesTheBoundaryBootsAndTestedRuns) {
  SweepReport r = boundary_report();
  r.summary = summarize(r);
  auto j = nlohmann::json::parse(to_json(r));
  EXPECT_EQ(j["schema_version"], "1.0");
  EXPECT_EQ(j["kind"], "sweep");
  EXPECT_EQ(j["profile"]["id"], "rocky-9");
  EXPECT_EQ(j["strategy"], "bisect");
  EXPECT_EQ(j["boots"], 3);
  EXPECT_EQ(j["finding"], "boundary");
  EXPECT_EQ(j["boundary"]["before"]["version"], "5.14.0-362.el9");
  EXPECT_EQ(j["boundary"]["before"]["status"], "fail");
  EXPECT_EQ(j["boundary"]["before"]["code"], "UNSUPPORTED_HELPER");
  EXPECT_EQ(j["boundary"]["after"]["version"], "5.14.0-427.el9");
  EXPECT_EQ(j["boundary"]["after"]["status"], "pass");
  EXPECT_TRUE(j["boundary"]["after"]["code"].is_null());
  ASSERT_EQ(j["tested"].size(), 3u);
  EXPECT_EQ(j["tested"][0]["run_report"], "/w/runs/r1/report.json");
  EXPECT_EQ(j["candidates"].size(), 3u);
  EXPECT_TRUE(j["range"]["from"].is_null());
  EXPECT_EQ(j["exit_code"], 0);
  EXPECT_EQ(j["summary"], r.summary);
}

TEST(SweepJson, NoBoundaryWithoutExactlyOneChange) {
  SweepReport r = boundary_report();
  r.finding = "no_change";
  r.changes.clear();
  auto j = nlohmann::json::parse(to_json(r));
  EXPECT_TRUE(j["boundary"].is_null());
  EXPECT_TRUE(j["changes"].empty());
}

// The problems python3-jsonschema finds in `json` against docs/sweep-schema.json ("" if none).
std::string schema_problems(const std::string& json) {
  auto dir = TempDir::create("sweep-schema");
  if (!dir) return dir.error().describe();
  std::string path = dir->path() + "/sweep.json";
  if (auto w = write_file_atomic(path, json); !w) return w.error().describe();
  auto problems = bpfcompat::testing::json_schema_problems(
      std::string(BPFCOMPAT_TEST_DATA) + "/../../docs/sweep-schema.json", path);
  return problems ? *problems : std::string("python3-jsonschema is missing");
}

TEST(SweepJson, FollowsItsSchemaWithAnAnswerAndWithout) {
  SweepReport r = boundary_report();
  r.summary = summarize(r);
  EXPECT_EQ(schema_problems(to_json(r)), "");
  SweepReport none = boundary_report();
  none.finding = "error";
  none.changes.clear();
  none.tested.back().verdict = "error";
  none.tested.back().code = "BOOT_TIMEOUT";
  none.error = "5.14.0-503.el9 ended in ERROR BOOT_TIMEOUT";
  none.exit_code = 1;
  none.from = "5.14.0-362.el9";
  none.summary = summarize(none);
  EXPECT_EQ(schema_problems(to_json(none)), "");
  none.finding = "maybe";  // the schema really checks
  EXPECT_NE(schema_problems(to_json(none)), "");
}

}  // namespace
}  // namespace bpfcompat::sweep
