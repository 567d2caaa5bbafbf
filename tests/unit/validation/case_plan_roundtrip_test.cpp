// render_case_plan against the validator's own plan parser (validator/plan.c): a command case,
// which needs neither root nor BPF, carries escaped values through the built validator binary.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/subprocess.h"
#include "bpfcompat/core/temp_dir.h"
#include "bpfcompat/validation/case_plan.h"
#include "bpfcompat/validation/validator_output.h"

namespace bpfcompat::validation {
namespace {

// Runs the validator on a plan file holding `text` and returns the case's record.
ArtifactResult run_validator_on_text(const std::string& text) {
  auto dir = TempDir::create("case-plan-test");
  EXPECT_TRUE(dir);
  if (!dir) return {};
  std::string plan_path = dir->path() + "/case.plan", out = dir->path() + "/out.jsonl";
  EXPECT_TRUE(write_file_atomic(plan_path, text));
  auto ran = run_captured({BPFCOMPAT_VALIDATOR_BIN, "--out", out, "--case", plan_path},
                          std::chrono::seconds(30));
  EXPECT_TRUE(ran);
  EXPECT_EQ(ran ? ran->status.code : -1, 0) << (ran ? ran->output : "");
  auto output = read_file(out);
  auto parsed = parse_validator_output(output ? *output : "");
  EXPECT_TRUE(parsed);
  if (!parsed || parsed->artifacts.size() != 1) {
    ADD_FAILURE() << "expected one record in " << (output ? *output : "");
    return {};
  }
  return parsed->artifacts[0];
}

ArtifactResult run_validator(const CasePlan& plan) {
  return run_validator_on_text(render_case_plan(plan));
}

TEST(CasePlanRoundTrip, EscapedValuesReachTheCommandUnchanged) {
  const std::vector<std::string> values = {
      "plain", "tab\there", "two\nlines", "back\\slash", "literal \\t and \\n", "é → ü", "",
  };
  for (const std::string& value : values) {
    CasePlan plan;
    plan.name = "round\ttrip\n" + value;
    plan.mode = "command";
    plan.env = {{"VALUE", value}, {"VALUE2", "x"}};
    plan.command = {"printf '%s' \"$VALUE\"; exit 7", 7, 10};
    ArtifactResult a = run_validator(plan);
    EXPECT_TRUE(a.is_case);
    EXPECT_EQ(a.name, plan.name);
    ASSERT_TRUE(a.command) << value;
    EXPECT_EQ(a.command->stdout_tail, value);
    EXPECT_EQ(a.command->exit_code, 7);
    EXPECT_EQ(a.command->status, "pass") << a.command->error;
  }
}

TEST(CasePlanRoundTrip, CommandThatMissesItsExitCodeFailsWithTheReason) {
  CasePlan plan;
  plan.name = "exit";
  plan.mode = "command";
  plan.command = {"echo out; echo err >&2; exit 2", 0, 10};
  ArtifactResult a = run_validator(plan);
  ASSERT_TRUE(a.command);
  EXPECT_EQ(a.command->status, "fail");
  EXPECT_EQ(a.command->exit_code, 2);
  EXPECT_EQ(a.command->stdout_tail, "out\n");
  EXPECT_EQ(a.command->stderr_tail, "err\n");
  EXPECT_EQ(a.command->error, "exit 2, expected 0");
}

TEST(CasePlanRoundTrip, RejectsMalformedPlansWithFileAndLine) {
  struct Case {
    std::string text, error;
  };
  const std::string head = "bpfcompat-case\t1\nname\tc\n";
  const std::vector<Case> cases = {
      {head + "mode\tcommand\nprobe\tx\n", ":4: unknown record kind 'probe'"},
      {head + "mode\tcommand\ncommand\t0\t5\n", ":4: 'command' record needs 3 fields, got 2"},
      {head + "mode\tcommand\ncommand\t0\tsoon\ttrue\n", ":4: bad number in 'command' record"},
      {head + "mode\tcommand\ncommand\t0\t5\techo \\x\n", ":4: bad escape"},
      {head + "mode\tsometimes\n", ":3: unknown mode"},
      {head + "name\tagain\n", ":3: duplicate 'name' record"},
      {head + "mode\tload_only\nmap\tm\t0\t\t\t\t\t\t\n", ":4: bad number in 'map' record"},
      {head + "mode\tload_only\nmap\tm\t\t\t\t\t\t\t0\n", ":4: bad number in 'map' record"},
      {head + "mode\tload_only\nmap\tm\t1\t\t\t\t\t\n", ":4: 'map' record needs 8 fields, got 7"},
      {"bpfcompat-case\t2\nname\tc\n", ":1: unsupported plan version '2'"},
      {"name\tc\n", ":1: not a case plan"},
      {head + "mode\tload_attach\n", "no 'artifact' record"},
      {head + "mode\tcommand\n", "mode command without a 'command' record"},
      {"bpfcompat-case\t1\nmode\tcommand\ncommand\t0\t5\ttrue\n", "no 'name' record"},
  };
  for (const Case& c : cases) {
    ArtifactResult a = run_validator_on_text(c.text);
    EXPECT_EQ(a.status, "error") << c.text;
    EXPECT_NE(a.error.find(c.error), std::string::npos) << a.error << " lacks " << c.error;
  }
}

}  // namespace
}  // namespace bpfcompat::validation
