// Freshness in the report: which profiles are stale, the exit code with --fail-on-stale, and how
// every output says it.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/report/outputs.h"
#include "bpfcompat/report/report.h"
#include "sample_run.h"

namespace bpfcompat::report {
namespace {

using classify::Status;
using testing::target;

constexpr const char* kTested = "5.14.0-427.13.1.el9_4";
constexpr const char* kNewest = "5.14.0-427.42.1.el9_4";

TargetReport pinned(std::string profile, bool required, Status status, bool stale = true) {
  TargetReport t = target(std::move(profile), required, status);
  t.kernel_package_version = kTested;
  t.freshness = Freshness{stale ? kNewest : kTested, !stale, true, stale};
  return t;
}

RunReport run_of(std::vector<TargetReport> targets, bool fail_on_stale) {
  RunReport r;
  r.run_id = "r";
  r.targets = std::move(targets);
  r.fail_on_stale = fail_on_stale;
  return r;
}

struct GateCase {
  std::string name;
  std::vector<TargetReport> targets;
  bool fail_on_stale;
  bool interrupted;
  int exit_code;
};

std::vector<GateCase> gate_cases() {
  return {
      {"stale_without_the_flag_passes",
       {pinned("rocky-9.4", true, Status::kPass)},
       false,
       false,
       0},
      {"stale_required_with_the_flag_is_3",
       {pinned("rocky-9.4", true, Status::kPass)},
       true,
       false,
       3},
      {"stale_optional_never_gates", {pinned("rocky-9.4", false, Status::kPass)}, true, false, 0},
      {"fresh_pin_passes", {pinned("rocky-9.4", true, Status::kPass, false)}, true, false, 0},
      {"incompatible_outranks_stale",
       {pinned("rocky-9.4", true, Status::kPass), target("b", true, Status::kFail)},
       true,
       false,
       2},
      {"infrastructure_outranks_stale",
       {pinned("rocky-9.4", true, Status::kPass), target("b", true, Status::kError)},
       true,
       false,
       1},
      {"interrupted_outranks_stale", {pinned("rocky-9.4", true, Status::kPass)}, true, true, 130},
  };
}

class StaleGate : public ::testing::TestWithParam<GateCase> {};

TEST_P(StaleGate, ExitCodeKeepsTheExistingOrderAndAddsThree) {
  const auto& c = GetParam();
  RunReport r = run_of(c.targets, c.fail_on_stale);
  r.interrupted = c.interrupted;
  EXPECT_EQ(exit_code(r), c.exit_code);
  r.suite_name = "s";  // the suite roll-up gates the same way
  EXPECT_EQ(suite_exit_code(r), c.exit_code);
}

INSTANTIATE_TEST_SUITE_P(Table, StaleGate, ::testing::ValuesIn(gate_cases()),
                         [](const auto& info) { return info.param.name; });

TEST(StalePins, StatusIsStaleAndCasesStayPass) {
  RunReport r = run_of({pinned("rocky-9.4", true, Status::kPass)}, true);
  EXPECT_EQ(run_status(r), "stale");
  EXPECT_EQ(case_exit_code(r, "x.bpf.o"), 0);  // the case is compatible; the run is stale
  auto j = nlohmann::json::parse(to_json(r));
  EXPECT_EQ(j["status"], "stale");
  EXPECT_EQ(j["exit_code"], 3);
  EXPECT_EQ(j["fail_on_stale"], true);
}

TEST(StalePins, ListsEachProfileOnceWithTheSentence) {
  TargetReport second = pinned("rocky-9.4", true, Status::kPass);
  second.artifact = "y.bpf.o";
  RunReport r = run_of({pinned("rocky-9.4", true, Status::kPass), second,
                        pinned("alma-9", true, Status::kPass, false)},
                       false);
  auto stale = stale_profiles(r);
  ASSERT_EQ(stale.size(), 1u);
  EXPECT_EQ(stale_sentence(stale[0]),
            "rocky-9.4 is pinned to 5.14.0-427.13.1.el9_4; the index has 5.14.0-427.42.1.el9_4");
}

TEST(StalePins, JsonRoundTripsFreshnessAndTheFlag) {
  RunReport r = run_of({pinned("rocky-9.4", true, Status::kPass)}, true);
  std::string json = to_json(r);
  auto j = nlohmann::json::parse(json);
  EXPECT_EQ(
      j["targets"][0]["freshness"],
      nlohmann::json(
          {{"newest_version", kNewest}, {"latest", false}, {"pinned", true}, {"stale", true}}));
  auto back = from_json(json, "r.json");
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_TRUE(back->fail_on_stale);
  ASSERT_TRUE(back->targets[0].freshness);
  EXPECT_EQ(back->targets[0].freshness->newest_version, kNewest);
  EXPECT_TRUE(back->targets[0].freshness->stale);
  EXPECT_EQ(to_json(*back), json);
}

TEST(StalePins, OldReportsHaveNoFreshnessAndNoFlag) {
  auto j = nlohmann::json::parse(to_json(testing::sample_run()));
  EXPECT_FALSE(j.contains("fail_on_stale"));
  EXPECT_FALSE(j["targets"][0].contains("freshness"));
  auto back = from_json(j.dump(), "old.json");
  ASSERT_TRUE(back);
  EXPECT_FALSE(back->fail_on_stale);
  EXPECT_FALSE(back->targets[0].freshness);
}

TEST(StalePins, MarkdownAndJobSummaryFlagThemUnderTheStatus) {
  RunReport r = run_of({pinned("rocky-9.4", true, Status::kPass)}, true);
  const std::string line =
      "- ⚠️ rocky-9.4 is pinned to 5.14.0-427.13.1.el9_4; the index has 5.14.0-427.42.1.el9_4 "
      "— "
      "fails the run (`--fail-on-stale`)\n";
  std::string md = to_markdown(r);
  EXPECT_NE(md.find("**⚠️ stale**"), std::string::npos) << md;
  EXPECT_NE(md.find("**Stale pins**"), std::string::npos) << md;
  EXPECT_NE(md.find(line), std::string::npos) << md;
  EXPECT_LT(md.find(line), md.find("| Artifact |"));
  std::string summary = to_job_summary(r, 10);
  EXPECT_NE(summary.find(line), std::string::npos) << summary;
  r.fail_on_stale = false;
  EXPECT_NE(to_markdown(r).find("el9_4\n"), std::string::npos) << "no gate note without the flag";
  EXPECT_EQ(to_markdown(testing::sample_run()).find("Stale pins"), std::string::npos);
}

TEST(StalePins, HtmlFlagsThemInTheHeaderAndThePanel) {
  RunReport r = run_of({pinned("rocky-9.4", true, Status::kPass)}, false);
  std::string html = to_html(r);
  EXPECT_NE(html.find("<div class=\"stale-pins\">"), std::string::npos);
  EXPECT_NE(html.find("<li>rocky-9.4 is pinned to 5.14.0-427.13.1.el9_4; the index has "
                      "5.14.0-427.42.1.el9_4</li>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<dt>Freshness</dt><dd>stale: pinned, and the index has "
                      "5.14.0-427.42.1.el9_4</dd>"),
            std::string::npos);
  EXPECT_EQ(to_html(testing::sample_run()).find("<div class=\"stale-pins\">"), std::string::npos);
}

TEST(StalePins, JunitCarriesFreshnessProperties) {
  std::string xml = to_junit(run_of({pinned("rocky-9.4", true, Status::kPass)}, false));
  for (const char* p :
       {"<property name=\"kernel_newest_version\" value=\"5.14.0-427.42.1.el9_4\"/>",
        "<property name=\"kernel_latest\" value=\"false\"/>",
        "<property name=\"kernel_pinned\" value=\"true\"/>",
        "<property name=\"kernel_stale\" value=\"true\"/>"}) {
    EXPECT_NE(xml.find(p), std::string::npos) << p << "\n" << xml;
  }
}

TEST(StalePins, StdoutSummaryEndsWithThemAndTheGate) {
  RunReport r = run_of({pinned("rocky-9.4", true, Status::kPass)}, true);
  std::string table = to_summary_table(r, false);
  const std::string tail =
      "stale: rocky-9.4 is pinned to 5.14.0-427.13.1.el9_4; the index has 5.14.0-427.42.1.el9_4\n"
      "--fail-on-stale: a required profile is stale (exit 3)\n";
  ASSERT_GE(table.size(), tail.size());
  EXPECT_EQ(table.substr(table.size() - tail.size()), tail) << table;
  r.fail_on_stale = false;
  EXPECT_EQ(to_summary_table(r, false).find("--fail-on-stale"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat::report
