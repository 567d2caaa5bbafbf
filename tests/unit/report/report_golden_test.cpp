// Golden files: JSON compared after parsing, Markdown byte for byte. Set
// BPFCOMPAT_UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/subprocess.h"
#include "bpfcompat/report/report.h"
#include "sample_run.h"

namespace bpfcompat::report {
namespace {

const std::string kDir = std::string(BPFCOMPAT_TEST_DATA) + "/report/";

std::string golden(const std::string& name, const std::string& actual) {
  if (std::getenv("BPFCOMPAT_UPDATE_GOLDEN") != nullptr) {
    EXPECT_TRUE(write_file_atomic(kDir + name, actual));
  }
  auto text = read_file(kDir + name);
  EXPECT_TRUE(text) << name;
  return text ? *text : "";
}

TEST(ReportJson, MatchesGoldenAfterParsing) {
  std::string actual = to_json(testing::sample_run());
  auto expected = nlohmann::json::parse(golden("sample-run.json", actual));
  EXPECT_EQ(nlohmann::json::parse(actual), expected);
}

TEST(ReportJson, KeepsStableKeyOrder) {
  auto j = nlohmann::ordered_json::parse(to_json(testing::sample_run()));
  std::vector<std::string> keys;
  for (const auto& item : j.items()) keys.push_back(item.key());
  std::vector<std::string> expected{"schema_version", "tool",    "run_id",    "started_at",
                                    "finished_at",    "status",  "exit_code", "interrupted",
                                    "mode",           "matrix",  "run_dir",   "artifacts",
                                    "validator",      "summary", "targets"};
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(j["targets"][0].begin().key(), "profile_id");
}

TEST(ReportJson, ConsoleTailOnlyOnErrors) {
  auto j = nlohmann::json::parse(to_json(testing::sample_run()));
  for (const auto& t : j["targets"]) {
    EXPECT_EQ(t.contains("console_tail"), t["status"] == "error") << t["profile_id"];
  }
}

TEST(ReportJson, SurvivesInvalidUtf8InConsole) {
  RunReport r = testing::sample_run();
  r.targets[2].console_tail = "bad \xff\xfe bytes\n";
  auto j = nlohmann::json::parse(to_json(r));
  EXPECT_EQ(j["targets"][2]["console_tail"], "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes\n");
}

TEST(ReportJson, GoldenValidatesAgainstSchema) {
  const std::string schema = std::string(BPFCOMPAT_TEST_DATA) + "/../../docs/report-schema.json";
  auto probe = run_captured({"python3", "-c", "import jsonschema"}, std::chrono::seconds(20));
  if (!probe || probe->status.code != 0) {
    GTEST_SKIP() << "python3 with the jsonschema module is not installed (python3-jsonschema)";
  }
  auto run =
      run_captured({"python3", "-c",
                    "import json,sys,jsonschema;"
                    "s=json.load(open(sys.argv[1]));"
                    "jsonschema.Draft202012Validator.check_schema(s);"
                    "jsonschema.Draft202012Validator(s).validate(json.load(open(sys.argv[2])))",
                    schema, kDir + "sample-run.json"},
                   std::chrono::seconds(30));
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status.code, 0) << run->output;
}

TEST(ReportMarkdown, MatchesGoldenByteForByte) {
  std::string actual = to_markdown(testing::sample_run());
  EXPECT_EQ(actual, golden("sample-run.md", actual));
}

TEST(ReportMarkdown, EscapesPipesInCells) {
  RunReport r = testing::sample_run();
  r.targets[0].programs[0].verdict.reason = "R1 type=scalar expected=fp|map_value";
  std::string md = to_markdown(r);
  EXPECT_NE(md.find("expected=fp\\|map_value |"), std::string::npos);
}

TEST(ReportMarkdown, PassingRunHasNoFailureDetails) {
  RunReport r = testing::sample_run();
  r.targets = {r.targets[1]};
  std::string md = to_markdown(r);
  EXPECT_NE(md.find("## Failures\n\nNone.\n"), std::string::npos);
  EXPECT_EQ(md.find("Evidence:"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat::report
