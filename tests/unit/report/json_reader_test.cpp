#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"
#include "bpfcompat/report/report.h"
#include "sample_run.h"
#include "schema_check.h"

namespace bpfcompat::report {
namespace {

// Every field the writer writes, read back: the JSON of the read report is the same text.
void expect_round_trip(const RunReport& r) {
  std::string json = to_json(r);
  auto back = from_json(json, "report.json");
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(to_json(*back), json);
}

RunReport with_everything() {
  RunReport r = testing::sample_suite();
  r.shard_index = 2;
  r.shard_count = 3;
  r.interrupted = true;
  CaseInfo cmd{"loader",  "",           "",
               "default", "command",    std::string(64, 'a'),
               3,         "loader-bin", std::string(64, 'b')};
  r.cases.push_back(cmd);
  auto& attach = r.targets[0].programs.at(0).attach;
  attach.isolated = true;
  attach.note = "attached alone: xdp on lo holds one program (detached: xdp_pass)";
  attach.target_traceable = false;
  TargetReport t = r.targets[0];
  t.artifact = "loader";
  t.mode = "command";
  t.programs.clear();
  t.fixups = {{"variant", "recv", false, "no variant loads: bpf_loop missing"}};
  validation::TestRun run;
  run.name = "loader";
  run.required = false;
  run.status = "fail";
  run.exit_code = 124;
  run.expect_exit = 3;
  run.timed_out = true;
  run.duration_ms = 30000;
  run.stdout_tail = "a\nb\n";
  run.stderr_tail = "c\n";
  run.error = "timed out after 30s";
  t.command = run;
  t.functional = validation::FunctionalResult{"skipped", {}};
  r.targets.push_back(t);
  r.fail_on_stale = true;
  r.targets[1].kernel_package_version = "6.1.119-1";
  r.targets[1].freshness = Freshness{"6.1.158-1", false, true, true};
  return r;
}

TEST(ReportJsonReader, RoundTripsTheSampleRun) {
  expect_round_trip(testing::sample_run());
}

TEST(ReportJsonReader, RoundTripsASuiteWithFunctionalCommandFixupsAndShards) {
  RunReport r = with_everything();
  expect_round_trip(r);
  auto back = from_json(to_json(r), "report.json");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->suite_name, "agent-probes");
  EXPECT_EQ(back->shard_index, 2);
  EXPECT_EQ(back->cases.back().expect_exit, 3);
  ASSERT_TRUE(back->targets.back().command);
  EXPECT_TRUE(back->targets.back().command->timed_out);
  EXPECT_FALSE(back->targets.back().command->required);
  EXPECT_EQ(back->targets.back().fixups[0].detail, "no variant loads: bpf_loop missing");
  const auto& attach = back->targets[0].programs.at(0).attach;
  EXPECT_TRUE(attach.isolated);
  EXPECT_EQ(attach.note, "attached alone: xdp on lo holds one program (detached: xdp_pass)");
  EXPECT_EQ(attach.target_traceable, std::optional<bool>(false));
}

TEST(ReportJsonReader, RoundTripsTheVendorKernelIdentity) {
  RunReport r = testing::sample_run();
  TargetReport& t = r.targets[1];
  t.distro = "almalinux";
  t.distro_version = "9";
  t.kernel_release = "5.14.0-427.13.1.el9_4.x86_64";
  t.kernel_package = "kernel-core";
  t.kernel_package_version = "5.14.0-427.13.1.el9_4";
  expect_round_trip(r);
  auto j = nlohmann::json::parse(to_json(r));
  EXPECT_EQ(j["targets"][1]["distro"], "almalinux");
  EXPECT_EQ(j["targets"][1]["distro_version"], "9");
  EXPECT_EQ(j["targets"][1]["kernel_release"], "5.14.0-427.13.1.el9_4.x86_64");
  EXPECT_EQ(j["targets"][1]["kernel_package"], "kernel-core");
  EXPECT_EQ(j["targets"][1]["kernel_package_version"], "5.14.0-427.13.1.el9_4");
  auto back = from_json(j.dump(), "r.json");
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back->targets[1].distro, "almalinux");
  EXPECT_EQ(back->targets[1].distro_version, "9");
  EXPECT_EQ(back->targets[1].kernel_release, "5.14.0-427.13.1.el9_4.x86_64");
  EXPECT_EQ(back->targets[1].kernel_package, "kernel-core");
  EXPECT_EQ(back->targets[1].kernel_package_version, "5.14.0-427.13.1.el9_4");
}

// A report of a writer from before the identity fields reads, the fields empty, and is written
// back without them.
TEST(ReportJsonReader, ReadsReportsWithoutTheIdentityFields) {
  auto j = nlohmann::json::parse(to_json(testing::sample_run()));
  for (auto& t : j["targets"]) {
    for (const char* key : {"distro", "distro_version", "kernel_release", "kernel_package",
                            "kernel_package_version"}) {
      t.erase(key);
    }
  }
  auto back = from_json(j.dump(), "old.json");
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back->targets[0].distro, "");
  EXPECT_EQ(back->targets[0].kernel_package_version, "");
  EXPECT_EQ(back->targets[0].requested_kernel, "apt bullseye/linux-image-cloud-amd64 5.10.226-1");
  auto again = nlohmann::json::parse(to_json(*back));
  EXPECT_FALSE(again["targets"][0].contains("distro"));
  EXPECT_FALSE(again["targets"][0].contains("kernel_release"));
}

TEST(ReportJsonReader, EveryWrittenFieldIsInTheSchema) {
  auto dir = TempDir::create("report-schema");
  ASSERT_TRUE(dir);
  std::string path = dir->path() + "/report.json";
  ASSERT_TRUE(write_file_atomic(path, to_json(with_everything())));
  auto problems = testing::schema_problems(path);
  if (!problems) GTEST_SKIP() << "python3 with the jsonschema module is not installed";
  EXPECT_EQ(*problems, "");
}

TEST(ReportJsonReader, RoundTripsEmptyAndNullValues) {
  RunReport r;
  r.run_id = "x";
  r.targets = {testing::target("p", true, classify::Status::kError)};
  r.targets[0].accelerator.clear();
  r.targets[0].observed_kernel.clear();
  expect_round_trip(r);
}

TEST(ReportJsonReader, IgnoresUnknownFields) {
  auto j = nlohmann::json::parse(to_json(testing::sample_run()));
  j["schema_version"] = "1.7";
  j["future"] = {{"x", 1}};
  j["targets"][0]["future_key"] = "y";
  j["targets"][0]["programs"][0]["load"]["btf_id"] = 5;
  auto back = from_json(j.dump(), "new.json");
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back->schema_version, "1.7");
  EXPECT_EQ(back->targets.size(), 6u);
}

struct Rejection {
  std::string name;
  std::string text;
  std::string message;  // a part of the error
};

std::vector<Rejection> rejections() {
  std::string valid = to_json(testing::sample_run());
  auto with = [&](const std::function<void(nlohmann::json&)>& change) {
    auto j = nlohmann::json::parse(valid);
    change(j);
    return j.dump();
  };
  return {
      {"not_json", "{\"schema_version\": ", "r.json: not a JSON report"},
      {"not_an_object", "[1, 2]", "r.json: not a bpfcompat report"},
      {"no_schema_version", "{}", "no schema_version"},
      {"major_2", with([](auto& j) { j["schema_version"] = "2.0"; }),
       "schema_version '2.0' is not supported"},
      {"reference_schema", with([](auto& j) { j["schema_version"] = "v0.1"; }),
       "schema_version 'v0.1' is not supported"},
      {"bad_status", with([](auto& j) { j["targets"][1]["status"] = "infra_error"; }),
       "targets[1].status: 'infra_error' is not pass, fail, error or skipped"},
      {"wrong_type", with([](auto& j) { j["targets"][2]["host"]["kernel"] = 5; }),
       "targets[2].host.kernel: expected a string"},
      {"missing_profile", with([](auto& j) { j["targets"][0].erase("profile_id"); }),
       "targets[0].profile_id: missing"},
      {"targets_not_array", with([](auto& j) { j["targets"] = "none"; }),
       "targets: expected an array"},
      {"program_not_object", with([](auto& j) { j["targets"][0]["programs"][1] = 3; }),
       "targets[0].programs[1]: expected an object"},
  };
}

class ReportJsonRejects : public ::testing::TestWithParam<Rejection> {};

TEST_P(ReportJsonRejects, NamesTheProblem) {
  auto r = from_json(GetParam().text, "r.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(r.error().describe().find(GetParam().message), std::string::npos)
      << r.error().describe();
}

INSTANTIATE_TEST_SUITE_P(Table, ReportJsonRejects, ::testing::ValuesIn(rejections()),
                         [](const ::testing::TestParamInfo<Rejection>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace bpfcompat::report
