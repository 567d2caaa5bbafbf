// The case-plan fields of artifact records, on a real run of tests/data/validation/plans on a
// 6.18 host (tests/data/validation/host-case-plans.jsonl; see plans/run-on-host.sh).
#include <string>

#include <gtest/gtest.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/validation/validator_output.h"

namespace bpfcompat::validation {
namespace {

const ValidatorRun& host_run() {
  static const ValidatorRun run = [] {
    auto text = read_file(std::string(BPFCOMPAT_TEST_DATA) + "/validation/host-case-plans.jsonl");
    EXPECT_TRUE(text);
    auto parsed = parse_validator_output(text ? *text : "");
    EXPECT_TRUE(parsed);
    return parsed ? *parsed : ValidatorRun{};
  }();
  return run;
}

const ArtifactResult& record(const std::string& name) {
  for (const ArtifactResult& a : host_run().artifacts) {
    if (a.name == name) return a;
  }
  static const ArtifactResult kNone;
  ADD_FAILURE() << "no record " << name;
  return kNone;
}

TEST(CaseOutput, ReadsEveryRecordOfTheRun) {
  EXPECT_TRUE(host_run().ended);
  EXPECT_EQ(host_run().artifacts.size(), 7u);
  EXPECT_TRUE(host_run().warnings.empty());
}

TEST(CaseOutput, ParsesFixupsInOrder) {
  const ArtifactResult& a = record("case_fixups");
  EXPECT_TRUE(a.is_case);
  EXPECT_EQ(a.mode, "behavior");
  struct Expected {
    const char *kind, *target;
    bool ok;
    const char* detail;
  };
  const Expected expected[] = {
      {"map", "counts", true, "max_entries 0 → 2"},
      {"map", "per_cpu_slots", true, "max_entries 0 → 2 (possible CPUs)"},
      {"map", "rings", true, "inner map: ringbuf of 4096 bytes"},
      {"map", "tables", true, "inner map: hash (key 4, value 8, max_entries 16)"},
      {"map", "no_such_map", false, "the object has no map of that name"},
      {"program_type", "bpfcompat_custom", true, "custom_filter: unspec → socket_filter"},
      {"companion", "mark_exec", true, "kept autoloaded in variant trial loads"},
      {"variant", "loop", true,
       "chose loop_new: loop_future: helper unknown (212) unsupported for tracepoint; "
       "loop_broken: trial load failed (errno 13)"},
  };
  ASSERT_EQ(a.fixups.size(), std::size(expected));
  for (std::size_t i = 0; i < a.fixups.size(); ++i) {
    EXPECT_EQ(a.fixups[i].kind, expected[i].kind) << i;
    EXPECT_EQ(a.fixups[i].target, expected[i].target) << i;
    EXPECT_EQ(a.fixups[i].ok, expected[i].ok) << i;
    EXPECT_EQ(a.fixups[i].detail, expected[i].detail) << i;
  }
}

TEST(CaseOutput, ParsesVariantDisabledProgramsAndTheirAttachReason) {
  const ArtifactResult& a = record("case_fixups");
  EXPECT_EQ(a.variant_disabled,
            (std::vector<std::string>{"loop_future", "loop_broken", "loop_legacy"}));
  for (const ProgramResult& p : a.programs) {
    if (p.name != "loop_legacy") continue;
    EXPECT_EQ(p.attach.status, "not_run");
    EXPECT_EQ(p.attach.reason, "disabled by program_variants group loop");
  }
}

TEST(CaseOutput, ParsesFunctionalTests) {
  const ArtifactResult& a = record("case_fixups");
  ASSERT_TRUE(a.functional);
  EXPECT_EQ(a.functional->status, "warn");
  ASSERT_EQ(a.functional->tests.size(), 2u);
  const TestRun& marker = a.functional->tests[0];
  EXPECT_EQ(marker.name, "trace_marker");
  EXPECT_TRUE(marker.required);
  EXPECT_EQ(marker.status, "pass");
  EXPECT_EQ(marker.exit_code, 0);
  EXPECT_EQ(marker.stdout_tail, "bpfcompat-case-marker\n");
  const TestRun& optional = a.functional->tests[1];
  EXPECT_FALSE(optional.required);
  EXPECT_EQ(optional.status, "fail");
  EXPECT_EQ(optional.exit_code, 3);
  EXPECT_EQ(optional.stderr_tail, "oops\n");
  EXPECT_EQ(optional.error, "exit 3, expected 0");
  EXPECT_FALSE(a.command);
}

TEST(CaseOutput, TestsNotRunWhenTheLoadFailed) {
  const ArtifactResult& a = record("no_fixups");
  EXPECT_FALSE(a.object_load.ok);
  ASSERT_TRUE(a.functional);
  EXPECT_EQ(a.functional->status, "fail");
  ASSERT_EQ(a.functional->tests.size(), 1u);
  EXPECT_EQ(a.functional->tests[0].status, "not_run");
  EXPECT_EQ(a.functional->tests[0].error,
            "load/attach did not pass; functional test was not executed");
}

TEST(CaseOutput, ParsesCommandCases) {
  struct Case {
    const char* name;
    const char* status;
    int exit_code;
    bool timed_out;
    const char* stdout_tail;
  };
  const Case cases[] = {
      {"command_exit", "pass", 3, false, "artifact=/bpfcompat/a/0.o\n"},
      {"command_timeout", "fail", 124, true, "started\n"},
  };
  for (const Case& c : cases) {
    const ArtifactResult& a = record(c.name);
    EXPECT_EQ(a.mode, "command") << c.name;
    EXPECT_TRUE(a.programs.empty()) << c.name;
    EXPECT_FALSE(a.functional) << c.name;
    ASSERT_TRUE(a.command) << c.name;
    EXPECT_EQ(a.command->name, "command");
    EXPECT_EQ(a.command->status, c.status) << c.name;
    EXPECT_EQ(a.command->exit_code, c.exit_code) << c.name;
    EXPECT_EQ(a.command->timed_out, c.timed_out) << c.name;
    EXPECT_EQ(a.command->stdout_tail, c.stdout_tail) << c.name;
  }
}

TEST(CaseOutput, ParsesRejectedPlansAsErrors) {
  const ArtifactResult& bad = record("bad_plan");
  EXPECT_EQ(bad.status, "error");
  EXPECT_EQ(bad.error,
            "case plan /bpfcompat/cases/unknown-record.plan:5: unknown record kind 'probe'");
  const ArtifactResult& missing = record("/bpfcompat/cases/no-such.plan");
  EXPECT_EQ(missing.status, "error");
  EXPECT_NE(missing.error.find("No such file or directory"), std::string::npos);
}

TEST(CaseOutput, PlainArtifactsCarryNoCaseFields) {
  const ArtifactResult& a = record("plain");
  EXPECT_FALSE(a.is_case);
  EXPECT_EQ(a.mode, "load_attach");
  EXPECT_TRUE(a.fixups.empty());
  EXPECT_TRUE(a.variant_disabled.empty());
  EXPECT_FALSE(a.functional);
  EXPECT_FALSE(a.command);
}

TEST(CaseOutput, FunctionalWithoutStatusIsJudgedByItsTests) {
  auto run = parse_validator_output(
      R"({"type":"artifact","name":"a","functional":{"tests":[]}})"
      "\n"
      R"({"type":"artifact","name":"b","functional":{"tests":[{"name":"t"}]}})");
  ASSERT_TRUE(run);
  ASSERT_EQ(run->artifacts.size(), 2u);
  EXPECT_EQ(run->artifacts[0].functional->status, "skipped");
  EXPECT_EQ(run->artifacts[1].functional->status, "fail");
  EXPECT_EQ(run->artifacts[1].functional->tests[0].status, "not_run");
}

}  // namespace
}  // namespace bpfcompat::validation
