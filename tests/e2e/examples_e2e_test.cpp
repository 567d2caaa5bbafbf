// Every shipped example, on every kernel of the built-in default matrix, in one bpfcompat run:
// the verdicts must equal examples/<name>/expected.yaml, which records what the real kernels do.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/file_io.h"
#include "default_matrix_run.h"

namespace bpfcompat {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Expectation {
  std::string example;
  std::string artifact;
  std::string profile;
  std::string status;
  std::string code;
};

std::vector<Expectation> load_expectations() {
  std::vector<Expectation> out;
  for (const auto& dir : fs::directory_iterator(EXAMPLES_SOURCE_DIR)) {
    fs::path file = dir.path() / "expected.yaml";
    if (!fs::exists(file)) continue;
    YAML::Node doc = YAML::LoadFile(file.string());
    for (const auto& kv : doc["expected"]) {
      Expectation e;
      e.example = dir.path().filename().string();
      e.artifact = doc["artifact"].as<std::string>();
      e.profile = kv.first.as<std::string>();
      e.status = kv.second["status"].as<std::string>();
      if (kv.second["code"]) e.code = kv.second["code"].as<std::string>();
      out.push_back(e);
    }
  }
  return out;
}

class ExamplesOnDefaultMatrix : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    expectations_ = load_expectations();
    std::vector<std::string> artifacts;
    std::map<std::string, bool> seen;
    for (const auto& e : expectations_) {
      if (!seen[e.artifact]) artifacts.push_back(e.artifact);
      seen[e.artifact] = true;
    }
    run_ =
        testing::run_examples_on_default_matrix("e2e-examples", artifacts, std::chrono::minutes(35))
            .release();
  }
  static void TearDownTestSuite() {
    delete run_;
    run_ = nullptr;
  }
  static const json* target(const std::string& profile, const std::string& artifact) {
    return testing::target(run_->report, profile, artifact);
  }
  static std::string dir() { return run_->dir->path(); }

  static inline testing::DefaultMatrixRun* run_ = nullptr;
  static inline std::vector<Expectation> expectations_;
};

TEST_F(ExamplesOnDefaultMatrix, RunWritesAWholeReport) {
  ASSERT_FALSE(run_->report.is_null()) << "no report; bpfcompat said:\n" << run_->run.output;
  EXPECT_EQ(run_->report["schema_version"], "1.0");
  EXPECT_FALSE(expectations_.empty());
}

TEST_F(ExamplesOnDefaultMatrix, EveryExampleGetsTheRealKernelsVerdict) {
  ASSERT_FALSE(run_->report.is_null()) << run_->run.output;
  std::string mismatches;
  for (const auto& e : expectations_) {
    const json* t = target(e.profile, e.artifact);
    if (!t) {
      mismatches += e.example + " on " + e.profile + ": no target in the report\n";
      continue;
    }
    std::string status = (*t)["status"];
    std::string code = (*t)["classification_code"].is_string() ? (*t)["classification_code"] : "";
    if (status != e.status || (!e.code.empty() && code != e.code)) {
      mismatches += e.example + " on " + e.profile + ": expected " + e.status +
                    (e.code.empty() ? "" : " " + e.code) + ", got " + status + " " + code + " (" +
                    (*t)["reason"].get<std::string>() + ")\n";
    }
  }
  EXPECT_TRUE(mismatches.empty()) << mismatches;
}

TEST_F(ExamplesOnDefaultMatrix, ExitCodeIsTwoBecauseARequiredKernelRejectsAnExample) {
  bool required_fail = false;
  for (const auto& e : expectations_) {
    if (e.status == "fail" && e.profile != "debian-unstable") required_fail = true;
  }
  ASSERT_TRUE(required_fail);
  EXPECT_EQ(run_->run.exit_code, 2) << run_->run.output;
}

TEST_F(ExamplesOnDefaultMatrix, EachKernelIsTheRequestedSeriesAndBootedOnce) {
  ASSERT_FALSE(run_->report.is_null());
  const std::map<std::string, std::string> series = {{"debian-11", "5.10."},
                                                     {"debian-12", "6.1."},
                                                     {"debian-13", "6.12."},
                                                     {"debian-unstable", ""}};
  for (const auto& t : run_->report["targets"]) {
    std::string observed = t["host"]["kernel"];
    std::string want = series.at(t["profile_id"]);
    EXPECT_EQ(observed.rfind(want, 0), 0u) << t["profile_id"] << " booted " << observed;
  }
  // One boot per kernel for all artifacts: one console log per profile directory.
  std::string runs = dir() + "/work/runs";
  for (const auto& run : fs::directory_iterator(runs)) {
    for (const auto& profile : fs::directory_iterator(run.path())) {
      if (!profile.is_directory()) continue;
      EXPECT_TRUE(fs::exists(profile.path() / "serial.log")) << profile.path();
    }
  }
}

TEST_F(ExamplesOnDefaultMatrix, MarkdownReportNamesEveryKernel) {
  auto md = read_file(dir() + "/report.md");
  ASSERT_TRUE(md);
  for (const char* p : testing::kDefaultProfiles) {
    EXPECT_NE(md->find(p), std::string::npos) << p;
  }
}

}  // namespace
}  // namespace bpfcompat
