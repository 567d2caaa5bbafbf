// Step 3 end to end on the real Debian kernels: the shipped example suite (manifests, behavior
// mode, command mode) in one boot per kernel, its JUnit/HTML/job-summary outputs, --shard +
// report merge, report compare. (The same kinds of case in the cloud-image lane and
// test-command: cloud_cases_e2e_test.cpp.)
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/subprocess.h"
#include "bpfcompat/core/temp_dir.h"
#include "report_json.h"
#include "support/run_bpfcompat.h"

namespace bpfcompat {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;
using testing::load_json;
using testing::str;
using testing::target;

// examples/suite/example-suite.yaml with its relative paths made absolute for this build tree.
std::string example_suite_text() {
  auto text = read_file(std::string(EXAMPLES_SOURCE_DIR) + "/suite/example-suite.yaml");
  EXPECT_TRUE(text);
  std::string s = text ? *text : "";
  s = std::regex_replace(s, std::regex(R"(\.\./\.\./build/examples/)"),
                         std::string(EXAMPLES_BUILD_DIR) + "/");
  s = std::regex_replace(s, std::regex(R"(\.\./(runtime_sized_map|exec_marker)/)"),
                         std::string(EXAMPLES_SOURCE_DIR) + "/$1/");
  return s;
}

struct Expect {
  std::string case_name, profile, status, code;
};

// What the four Debian kernels do with each case of the example suite.
std::vector<Expect> suite_expectations() {
  std::vector<Expect> out;
  for (const char* p : {"debian-11", "debian-12", "debian-13", "debian-unstable"}) {
    std::string profile = p;
    out.push_back({"runtime-sized-bare", profile, "fail", "RUNTIME_SIZED_MAP"});
    out.push_back({"runtime-sized-declared", profile, "pass", ""});
    out.push_back({"exec-marker-behavior", profile, "pass", ""});
    out.push_back({"no-marker-control", profile, "fail", "FUNCTIONAL_TEST_FAILURE"});
    bool old = profile == "debian-11";  // 5.10: no bpf_loop, the loader exits 11
    out.push_back({"loader-bpf-loop", profile, old ? "fail" : "pass",
                   old ? "COMMAND_VALIDATION_FAILURE" : ""});
  }
  return out;
}

class ExampleSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto d = TempDir::create("e2e-suite");
    ASSERT_TRUE(d);
    dir_ = new TempDir(std::move(*d));
    std::string dir = dir_->path();
    std::ofstream(dir + "/suite.yaml") << example_suite_text();
    std::ofstream(dir + "/summary.md") << "previous step's summary\n";
    setenv("GITHUB_STEP_SUMMARY", (dir + "/summary.md").c_str(), 1);
    full_ = new testing::CliRun(testing::run_bpfcompat(
        {"suite", "--suite", dir + "/suite.yaml", "--out", dir + "/full.json", "--junit",
         dir + "/full.xml", "--html", dir + "/full.html", "--workdir", dir + "/work"},
        30min));
    unsetenv("GITHUB_STEP_SUMMARY");
    for (int shard = 1; shard <= 2; ++shard) {
      shards_.push_back(testing::run_bpfcompat(
          {"suite", "--suite", dir + "/suite.yaml", "--shard", std::to_string(shard) + "/2",
           "--out", dir + "/shard" + std::to_string(shard) + ".json", "--workdir",
           dir + "/work-shards"},
          30min));
    }
  }
  static void TearDownTestSuite() {
    delete dir_;
    delete full_;
    shards_.clear();
  }
  static std::string path(const std::string& name) { return dir_->path() + "/" + name; }

  static TempDir* dir_;
  static testing::CliRun* full_;
  static std::vector<testing::CliRun> shards_;
};
TempDir* ExampleSuite::dir_ = nullptr;
testing::CliRun* ExampleSuite::full_ = nullptr;
std::vector<testing::CliRun> ExampleSuite::shards_;

TEST_F(ExampleSuite, EveryCaseGetsTheRealKernelsVerdict) {
  json report = load_json(path("full.json"));
  ASSERT_FALSE(report.is_null()) << full_->output;
  EXPECT_EQ(full_->exit_code, 2) << full_->output;  // required failures, no infrastructure error
  for (const auto& e : suite_expectations()) {
    const json* t = target(report, e.profile, e.case_name);
    ASSERT_TRUE(t) << e.case_name << " on " << e.profile;
    EXPECT_EQ((*t)["status"], e.status)
        << e.case_name << " on " << e.profile << ": " << str(*t, "reason");
    EXPECT_EQ(str(*t, "classification_code"), e.code) << e.case_name << " on " << e.profile;
  }
}

TEST_F(ExampleSuite, UndeclaredRuntimeSizedMapSaysWhatToDeclare) {
  json report = load_json(path("full.json"));
  const json* t = target(report, "debian-12", "runtime-sized-bare");
  ASSERT_TRUE(t);
  std::string fix = str(*t, "remediation");
  EXPECT_NE(fix.find("name: exec_counts"), std::string::npos) << fix;
  EXPECT_NE(fix.find("max_entries"), std::string::npos) << fix;
  EXPECT_NE(fix.find("--manifest"), std::string::npos) << fix;
}

TEST_F(ExampleSuite, BehaviorTestObservedTheTracepointFireOnEveryKernel) {
  json report = load_json(path("full.json"));
  for (const char* p : {"debian-11", "debian-12", "debian-13", "debian-unstable"}) {
    const json* t = target(report, p, "exec-marker-behavior");
    ASSERT_TRUE(t) << p;
    ASSERT_TRUE(t->contains("functional")) << p;
    const json& test = (*t)["functional"]["tests"][0];
    EXPECT_EQ(test["status"], "pass") << p;
    // grep -c printed how many markers the program wrote while attached: at least one.
    EXPECT_GE(std::atoi(test["stdout_tail"].get<std::string>().c_str()), 1) << p;
  }
}

TEST_F(ExampleSuite, CommandVerdictIsTheLoadersExitCode) {
  json report = load_json(path("full.json"));
  const json* old = target(report, "debian-11", "loader-bpf-loop");
  const json* cur = target(report, "debian-12", "loader-bpf-loop");
  ASSERT_TRUE(old && cur);
  EXPECT_EQ((*old)["command"]["exit_code"], 11);  // the loader's "load failed"
  EXPECT_EQ((*cur)["command"]["exit_code"], 0);
  EXPECT_NE((*cur)["command"]["stdout_tail"].get<std::string>().find("attached"),
            std::string::npos);
}

TEST_F(ExampleSuite, OneBootPerKernelServesAllCases) {
  json report = load_json(path("full.json"));
  std::string run_dir = report["run_dir"];
  int boots = 0;
  for (const auto& e : fs::recursive_directory_iterator(run_dir)) {
    if (e.path().filename() == "qemu-cmdline.txt") ++boots;
    EXPECT_EQ(e.path().filename().string().find(".attempt2"), std::string::npos) << e.path();
  }
  EXPECT_EQ(boots, 4);
  std::map<std::string, std::string> serial_by_profile;
  for (const auto& t : report["targets"]) {
    std::string serial = str(t["evidence_files"], "serial_log");
    auto [it, fresh] = serial_by_profile.emplace(t["profile_id"], serial);
    EXPECT_FALSE(serial.empty());
    EXPECT_EQ(it->second, serial) << "one console per kernel";
  }
}

TEST_F(ExampleSuite, JunitValidatesAgainstTheSchema) {
  auto run = run_captured({"xmllint", "--noout", "--schema",
                           std::string(BPFCOMPAT_SOURCE_DIR) + "/docs/junit.xsd", path("full.xml")},
                          1min);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status.code, 0) << run->output;
  auto xml = read_file(path("full.xml"));
  ASSERT_TRUE(xml);
  EXPECT_NE(xml->find("RUNTIME_SIZED_MAP"), std::string::npos);
}

TEST_F(ExampleSuite, HtmlIsOneSelfContainedPage) {
  auto html = read_file(path("full.html"));
  ASSERT_TRUE(html);
  EXPECT_NE(html->find("no-marker-control"), std::string::npos);
  EXPECT_EQ(html->find("http://"), std::string::npos);
  EXPECT_EQ(html->find("https://"), std::string::npos);
}

TEST_F(ExampleSuite, JobSummaryIsAppendedAndEqualsReportSummary) {
  auto summary = read_file(path("summary.md"));
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->rfind("previous step's summary\n", 0), 0u) << "appended, not overwritten";
  auto printed = testing::run_bpfcompat({"report", "summary", path("full.json")});
  EXPECT_EQ(printed.exit_code, 0) << printed.output;
  EXPECT_EQ(summary->substr(std::string("previous step's summary\n").size()), printed.output);
}

TEST_F(ExampleSuite, MergedShardsEqualTheUnshardedRun) {
  ASSERT_EQ(shards_.size(), 2u);
  auto merged = testing::run_bpfcompat(
      {"report", "merge", path("shard1.json"), path("shard2.json"), "--out", path("merged.json")});
  EXPECT_EQ(merged.exit_code, 2) << merged.output;
  json m = load_json(path("merged.json"));
  json full = load_json(path("full.json"));
  ASSERT_FALSE(m.is_null() || full.is_null()) << merged.output;
  ASSERT_EQ(m["targets"].size(), full["targets"].size());
  for (std::size_t i = 0; i < full["targets"].size(); ++i) {
    const json& a = full["targets"][i];
    const json& b = m["targets"][i];
    EXPECT_EQ(a["profile_id"], b["profile_id"]) << i;
    EXPECT_EQ(a["artifact"], b["artifact"]) << i;
    EXPECT_EQ(a["status"], b["status"]) << a["profile_id"] << " " << a["artifact"];
    EXPECT_EQ(str(a, "classification_code"), str(b, "classification_code"));
  }
  EXPECT_EQ(m["cases"], full["cases"]);
}

TEST_F(ExampleSuite, CompareExitsNonZeroOnARequiredRegression) {
  json base = load_json(path("full.json"));
  ASSERT_FALSE(base.is_null());
  auto same = testing::run_bpfcompat({"report", "compare", path("full.json"), path("full.json")});
  EXPECT_EQ(same.exit_code, 0) << same.output;
  json head = base;
  for (auto& t : head["targets"]) {
    if (t["profile_id"] == "debian-12" && t["artifact"] == "runtime-sized-declared") {
      t["status"] = "fail";
      t["classification_code"] = "RUNTIME_SIZED_MAP";
    }
  }
  ASSERT_TRUE(write_file_atomic(path("head.json"), head.dump(2)));
  auto regressed =
      testing::run_bpfcompat({"report", "compare", path("full.json"), path("head.json")});
  EXPECT_EQ(regressed.exit_code, 2) << regressed.output;
  EXPECT_NE(regressed.output.find("runtime-sized-declared"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat
