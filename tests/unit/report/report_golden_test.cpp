// Golden files: JSON compared after parsing, Markdown byte for byte. Set
// BPFCOMPAT_UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
#include <algorithm>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/report/outputs.h"
#include "bpfcompat/report/report.h"
#include "sample_run.h"
#include "schema_check.h"

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

TEST(ReportJson, SuiteMatchesGoldenAfterParsing) {
  std::string actual = to_json(testing::sample_suite());
  auto expected = nlohmann::json::parse(golden("sample-suite.json", actual));
  EXPECT_EQ(nlohmann::json::parse(actual), expected);
}

std::vector<std::string> keys_of(const nlohmann::ordered_json& j) {
  std::vector<std::string> keys;
  for (const auto& item : j.items()) keys.push_back(item.key());
  return keys;
}

TEST(ReportJson, KeepsStableKeyOrder) {
  auto j = nlohmann::ordered_json::parse(to_json(testing::sample_run()));
  std::vector<std::string> expected{"schema_version", "tool",      "run_id",    "started_at",
                                    "finished_at",    "status",    "exit_code", "interrupted",
                                    "mode",           "matrix",    "run_dir",   "artifacts",
                                    "cases",          "validator", "summary",   "targets"};
  EXPECT_EQ(keys_of(j), expected);
  EXPECT_EQ(j["targets"][0].begin().key(), "profile_id");
}

TEST(ReportJson, PlacesSuiteAndShardAfterTheMatrix) {
  RunReport r = testing::sample_suite();
  r.shard_index = 2;
  r.shard_count = 3;
  auto keys = keys_of(nlohmann::ordered_json::parse(to_json(r)));
  auto at = std::find(keys.begin(), keys.end(), "matrix");
  ASSERT_NE(at, keys.end());
  EXPECT_EQ(*(at + 1), "suite");
  EXPECT_EQ(*(at + 2), "shard");
}

TEST(ReportJson, OmitsUnsetAdditions) {
  RunReport r = testing::sample_run();
  r.cases.clear();
  r.targets[0].mode.clear();
  auto j = nlohmann::json::parse(to_json(r));
  for (const char* key : {"suite", "shard", "cases"}) EXPECT_FALSE(j.contains(key)) << key;
  for (const char* key : {"mode", "fixups", "functional", "command"}) {
    EXPECT_FALSE(j["targets"][0].contains(key)) << key;
  }
}

TEST(ReportJson, SuiteStatusIsTheSuiteRollUp) {
  RunReport r = testing::sample_suite();
  r.targets[0].verdict.status = classify::Status::kError;  // debian-11 × exec-ringbuf
  auto j = nlohmann::json::parse(to_json(r));
  EXPECT_EQ(j["exit_code"], 1);
  EXPECT_EQ(j["status"], "error");
  EXPECT_EQ(j["cases"][0]["exit_code"], 1);
  EXPECT_EQ(j["cases"][1]["status"], "fail");
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

class GoldenJson : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenJson, ValidatesAgainstSchema) {
  auto problems = testing::schema_problems(kDir + GetParam());
  if (!problems) GTEST_SKIP() << "python3 with the jsonschema module is not installed";
  EXPECT_EQ(*problems, "");
}

INSTANTIATE_TEST_SUITE_P(ReportJson, GoldenJson,
                         ::testing::Values("sample-run.json", "sample-suite.json"),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string name =
                               param_info.param.substr(0, param_info.param.find('.'));
                           name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
                           return name;
                         });

TEST(ReportMarkdown, MatchesGoldenByteForByte) {
  std::string actual = to_markdown(testing::sample_run());
  EXPECT_EQ(actual, golden("sample-run.md", actual));
}

TEST(ReportMarkdown, SuiteMatchesGoldenByteForByte) {
  std::string actual = to_markdown(testing::sample_suite());
  EXPECT_EQ(actual, golden("sample-suite.md", actual));
}

TEST(ReportMarkdown, SingleCaseKeepsArtifactRows) {
  RunReport r = testing::sample_run();
  r.cases.pop_back();
  r.artifacts.pop_back();
  r.targets.resize(3);
  std::string md = to_markdown(r);
  EXPECT_NE(md.find("| Artifact | debian-11<br>"), std::string::npos);
  EXPECT_NE(md.find("| loop.bpf.o | ❌ fail (UNSUPPORTED_HELPER) | ✅ pass |"), std::string::npos);
  EXPECT_EQ(md.find("## Cases"), std::string::npos);
}

TEST(ReportMarkdown, SeveralCasesGetProfileRowsAndTheCasesTable) {
  std::string md = to_markdown(testing::sample_run());
  EXPECT_NE(md.find("| Profile | loop.bpf.o | freplace.bpf.o |"), std::string::npos);
  EXPECT_NE(md.find("| debian-11<br>Debian 11 · 5.10.0-33-cloud-amd64 (5.10.226-1) | ❌ fail "
                    "[UNSUPPORTED_HELPER] | ➖ skipped |"),
            std::string::npos);
  EXPECT_NE(md.find("| loop.bpf.o | loop.bpf.o | load_attach | ❌ fail | 1/1 | — |"),
            std::string::npos);
}

TEST(ReportMarkdown, NamesEachProfilesDistroAndExactKernel) {
  RunReport r = testing::sample_run();
  for (auto& t : r.targets) {
    if (t.profile_id != "debian-12") continue;
    t.distro = "almalinux";
    t.distro_version = "9";
    t.observed_kernel = t.kernel_release = "5.14.0-427.13.1.el9_4.x86_64";
    t.kernel_package = "kernel-core";
    t.kernel_package_version = "5.14.0-427.13.1.el9_4";
  }
  std::string md = to_markdown(r);
  // The package version is inside the release: said once.
  EXPECT_NE(md.find("| debian-12<br>AlmaLinux 9 · 5.14.0-427.13.1.el9_4.x86_64 | ✅ pass |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("### ❌ loop.bpf.o on debian-11 — Debian 11 · 5.10.0-33-cloud-amd64 "
                    "(5.10.226-1)\n"),
            std::string::npos)
      << md;
}

TEST(ReportMarkdown, ProfileWithoutDistroKeepsTheKernelAlone) {
  RunReport r = testing::sample_suite();  // no identity fields
  std::string md = to_markdown(r);
  EXPECT_NE(md.find("| debian-11<br>5.10.0-33-cloud-amd64 |"), std::string::npos) << md;
  EXPECT_EQ(md.find(" · 5.10"), std::string::npos);
}

TEST(ReportMarkdown, ShowsFunctionalAndCommandResultsInFailureDetails) {
  RunReport r = testing::sample_suite();
  validation::TestRun cmd;
  cmd.name = "loader";
  cmd.status = "fail";
  cmd.exit_code = 3;
  cmd.expect_exit = 0;
  cmd.stdout_tail = "starting loader\n";
  cmd.stderr_tail = "libbpf: failed to find BTF for extern 'bpf_iter_num_new'\n";
  cmd.error = "exit 3, expected 0";
  r.targets[1].command = cmd;  // debian-11 × loop-counter, already failing
  std::string md = to_markdown(r);
  EXPECT_NE(md.find("**Test** `exec-behavior-behavior`: fail (412 ms) — exit 1, expected 0; "
                    "stdout lacks 'saw-execve'"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("stderr (tail):\n\n```text\ntimeout: no event within 5s\n```"),
            std::string::npos);
  EXPECT_NE(md.find("**Command** `loader`: fail — exit 3, expected 0\n"), std::string::npos) << md;
  EXPECT_NE(md.find("```text\nlibbpf: failed to find BTF for extern 'bpf_iter_num_new'\n```"),
            std::string::npos);
}

TEST(JobSummary, SuiteMatchesGoldenByteForByte) {
  std::string actual = to_job_summary(testing::sample_suite());
  EXPECT_EQ(actual, golden("sample-suite-summary.md", actual));
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
