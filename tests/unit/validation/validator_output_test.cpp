#include "bpfcompat/validation/validator_output.h"

#include <string>

#include <gtest/gtest.h>

#include "bpfcompat/core/file_io.h"

namespace bpfcompat::validation {
namespace {

ValidatorRun parse_sample(const std::string& name) {
  auto text = read_file(std::string(BPFCOMPAT_TEST_DATA) + "/validation/" + name);
  EXPECT_TRUE(text) << name;
  auto run = parse_validator_output(text ? *text : "");
  EXPECT_TRUE(run) << (run ? "" : run.error().describe());
  return run ? *run : ValidatorRun{};
}

bool any_warning_contains(const ValidatorRun& run, const std::string& needle) {
  for (const auto& w : run.warnings) {
    if (w.find(needle) != std::string::npos) return true;
  }
  return false;
}

TEST(ValidatorOutput, ParsesPassingRunOnDebian12) {
  ValidatorRun run = parse_sample("debian12-tracepoint-pass.jsonl");
  ASSERT_TRUE(run.hello);
  EXPECT_EQ(run.hello->protocol, 1);
  EXPECT_EQ(run.hello->kernel_release, "6.1.0-28-cloud-amd64");
  EXPECT_EQ(run.hello->libbpf_version, "1.4.6");
  EXPECT_TRUE(run.hello->btf_vmlinux);
  EXPECT_EQ(run.hello->lockdown, "none");
  EXPECT_EQ(run.hello->unprivileged_bpf_disabled, 2);
  EXPECT_EQ(run.hello->uptime_ms, 1834);
  ASSERT_EQ(run.hello->modules.size(), 1u);
  EXPECT_TRUE(run.hello->modules[0].ok);
  ASSERT_EQ(run.artifacts.size(), 2u);
  const ArtifactResult& a = run.artifacts[0];
  EXPECT_EQ(a.name, "ringbuf.bpf.o");
  EXPECT_EQ(a.status, "done");
  EXPECT_TRUE(a.open_ok);
  ASSERT_EQ(a.maps.size(), 1u);
  EXPECT_EQ(a.maps[0].type, 27);
  EXPECT_EQ(a.maps[0].supported, std::optional<bool>(true));
  ASSERT_EQ(a.programs.size(), 1u);
  const ProgramResult& p = a.programs[0];
  EXPECT_EQ(p.section, "tp/sched/sched_process_exec");
  EXPECT_EQ(p.type_name, "tracepoint");
  EXPECT_EQ(p.helpers.size(), 3u);
  EXPECT_TRUE(p.load.ok);
  EXPECT_EQ(p.load.insns_processed, 23);
  EXPECT_EQ(p.attach.status, "ok");
  EXPECT_EQ(p.attach.method, "auto");
  EXPECT_TRUE(a.object_load.ok);
  const ProgramResult& multi = run.artifacts[1].programs.at(0);
  EXPECT_EQ(multi.attach.status, "failed");
  EXPECT_EQ(multi.attach.err, 95);
  EXPECT_EQ(multi.attach_type_name, "trace_kprobe_multi");
  EXPECT_TRUE(run.ended);
  EXPECT_EQ(run.duration_ms, 1811);
  EXPECT_TRUE(run.warnings.empty());
}

TEST(ValidatorOutput, ParsesFailedLoadWithTails) {
  ValidatorRun run = parse_sample("debian11-bpf-loop.jsonl");
  ASSERT_EQ(run.artifacts.size(), 1u);
  const ProgramResult& p = run.artifacts[0].programs.at(0);
  EXPECT_EQ(p.name, "count_loops");
  EXPECT_FALSE(p.load.ok);
  EXPECT_EQ(p.load.err, 22);
  EXPECT_EQ(p.load.insns_processed, 0);
  EXPECT_EQ(p.load.verifier_tail.rfind("number of funcs in func_info doesn't match number of "
                                       "subprogs\nprocessed 0 insns (limit 1000000)",
                                       0),
            0u);
  EXPECT_NE(p.load.libbpf_tail.find("failed to load: -22"), std::string::npos);
  ASSERT_EQ(p.helpers.size(), 2u);
  EXPECT_EQ(p.helpers[0].name, "loop");
  EXPECT_EQ(p.helpers[0].supported, std::optional<bool>(false));
  EXPECT_EQ(p.attach.status, "not_run");
  EXPECT_FALSE(run.artifacts[0].object_load.ok);
}

TEST(ValidatorOutput, ParsesCrashedCaseAndGoesOn) {
  ValidatorRun run = parse_sample("debian13-crashed-case.jsonl");
  ASSERT_EQ(run.artifacts.size(), 2u);
  EXPECT_EQ(run.artifacts[0].status, "crashed");
  EXPECT_EQ(run.artifacts[0].signal, 11);
  EXPECT_TRUE(run.artifacts[0].programs.empty());
  EXPECT_FALSE(run.artifacts[0].open_ok);
  EXPECT_EQ(run.artifacts[1].status, "done");
  EXPECT_TRUE(run.ended);
}

TEST(ValidatorOutput, TruncatedStreamKeepsCompleteRecords) {
  ValidatorRun run = parse_sample("debian12-truncated.jsonl");
  ASSERT_TRUE(run.hello);
  EXPECT_EQ(run.artifacts.size(), 1u);
  EXPECT_FALSE(run.ended);
  ASSERT_EQ(run.warnings.size(), 1u);
  EXPECT_NE(run.warnings[0].find("line 3: truncated record"), std::string::npos);
}

TEST(ValidatorOutput, RejectsAnotherProtocolVersion) {
  auto run = parse_validator_output(R"({"type":"hello","protocol":2,"validator":"0.2.0"})"
                                    "\n");
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().kind, ErrorKind::kInfrastructure);
  EXPECT_EQ(run.error().message,
            "validator protocol 2 is not supported by this bpfcompat (speaks 1); rebuild the "
            "validator");
}

struct ToleranceCase {
  const char* name;
  std::string text;
  std::size_t artifacts;
  bool ended;
  std::size_t warnings;
  const char* warning;  // a substring of the first warning, or ""
};

class ValidatorOutputTolerance : public ::testing::TestWithParam<ToleranceCase> {};

TEST_P(ValidatorOutputTolerance, ParsesWhatItCan) {
  const ToleranceCase& c = GetParam();
  auto run = parse_validator_output(c.text);
  ASSERT_TRUE(run) << run.error().describe();
  EXPECT_EQ(run->artifacts.size(), c.artifacts);
  EXPECT_EQ(run->ended, c.ended);
  ASSERT_EQ(run->warnings.size(), c.warnings);
  if (c.warnings > 0) {
    EXPECT_TRUE(any_warning_contains(*run, c.warning)) << run->warnings[0];
  }
}

const std::string kHello =
    R"({"type":"hello","protocol":1,"kernel":{"release":"6.1.0-28-cloud-amd64"}})";
const std::string kArtifact = R"({"type":"artifact","name":"a.bpf.o","status":"done"})";
const std::string kEnd = R"({"type":"end","artifacts":1,"duration_ms":5})";

INSTANTIATE_TEST_SUITE_P(
    Cases, ValidatorOutputTolerance,
    ::testing::Values(
        ToleranceCase{"crlf", kHello + "\r\n" + kArtifact + "\r\n" + kEnd + "\r\n", 1, true, 0, ""},
        ToleranceCase{"blank_lines", "\n\n" + kHello + "\n\n   \n" + kArtifact + "\n" + kEnd, 1,
                      true, 0, ""},
        ToleranceCase{
            "noise_line",
            kHello + "\n[    2.104512] random: crng init done\n" + kArtifact + "\n" + kEnd + "\n",
            1, true, 1, "line 2: not a validator record"},
        ToleranceCase{"noise_before_record", kHello + "\nxx" + kArtifact + "\n" + kEnd + "\n", 1,
                      true, 1, "line 2: ignored 2 bytes of noise"},
        ToleranceCase{
            "unknown_record",
            kHello + "\n{\"type\":\"progress\",\"pct\":50}\n" + kArtifact + "\n" + kEnd + "\n", 1,
            true, 1, "unknown record type 'progress'"},
        ToleranceCase{"record_without_type", kHello + "\n{\"name\":\"x\"}\n" + kEnd + "\n", 0, true,
                      2, "record without a type"},
        ToleranceCase{"json_not_object", kHello + "\n[1,2]\n" + kArtifact + "\n" + kEnd + "\n", 1,
                      true, 1, "not a validator record"},
        ToleranceCase{"end_count_mismatch", kHello + "\n" + kEnd + "\n", 0, true, 1,
                      "announces 1 artifacts, 0 were received"},
        ToleranceCase{"empty_stream", "", 0, false, 0, ""}),
    [](const ::testing::TestParamInfo<ToleranceCase>& param_info) {
      return std::string(param_info.param.name);
    });

TEST(ValidatorOutput, ReadsHiddenAndExternalBtf) {
  auto run = parse_validator_output(
      R"({"type":"hello","protocol":1,"btf_vmlinux":false,"btf_hidden":true,)"
      R"("btf_custom_path":"/bpfcompat/vmlinux.btf"})"
      "\n");
  ASSERT_TRUE(run);
  ASSERT_TRUE(run->hello);
  EXPECT_FALSE(run->hello->btf_vmlinux);
  EXPECT_TRUE(run->hello->btf_hidden);
  EXPECT_EQ(run->hello->btf_custom_path, "/bpfcompat/vmlinux.btf");
}

TEST(ValidatorOutput, MissingOptionalFieldsGetDefaults) {
  auto run = parse_validator_output(
      R"({"type":"hello","protocol":1})"
      "\n"
      R"({"type":"artifact","name":"x.bpf.o","open":{"ok":true},"programs":[{"name":"p"}]})"
      "\n");
  ASSERT_TRUE(run);
  ASSERT_TRUE(run->hello);
  EXPECT_EQ(run->hello->unprivileged_bpf_disabled, -1);
  EXPECT_EQ(run->hello->uptime_ms, -1);
  EXPECT_FALSE(run->hello->btf_vmlinux);
  EXPECT_FALSE(run->hello->btf_hidden);
  EXPECT_EQ(run->hello->btf_custom_path, "");
  const ArtifactResult& a = run->artifacts.at(0);
  EXPECT_EQ(a.status, "done");
  EXPECT_TRUE(a.open_ok);
  const ProgramResult& p = a.programs.at(0);
  EXPECT_FALSE(p.prog_type_supported.has_value());
  EXPECT_FALSE(p.load.ok);
  EXPECT_EQ(p.load.insns_processed, -1);
  EXPECT_EQ(p.attach.status, "not_run");
  EXPECT_FALSE(run->ended);
}

TEST(ValidatorOutput, ReadsHowAnAttachWasSequencedAndWhetherItsTargetIsTraceable) {
  auto run = parse_validator_output(
      R"({"type":"artifact","name":"x","open":{"ok":true},"programs":[)"
      R"({"name":"first","attach":{"status":"ok","isolated":false,"note":"","target_traceable":null}},)"
      R"({"name":"second","attach":{"status":"ok","isolated":true,)"
      R"("note":"xdp on lo holds one program at a time: attached alone"}},)"
      R"({"name":"fentry","attach":{"status":"failed","errno":16,"target_traceable":false}},)"
      R"({"name":"old"}]})");
  ASSERT_TRUE(run);
  const auto& p = run->artifacts.at(0).programs;
  EXPECT_FALSE(p.at(0).attach.isolated);
  EXPECT_FALSE(p.at(0).attach.target_traceable.has_value());
  EXPECT_TRUE(p.at(1).attach.isolated);
  EXPECT_EQ(p.at(1).attach.note, "xdp on lo holds one program at a time: attached alone");
  EXPECT_EQ(p.at(2).attach.target_traceable, std::optional<bool>(false));
  EXPECT_FALSE(p.at(3).attach.isolated);  // records of older validators lack the fields
  EXPECT_TRUE(p.at(3).attach.note.empty());
}

TEST(ValidatorOutput, NullBooleansAreUnknownAndUnknownFieldsIgnored) {
  auto run = parse_validator_output(
      R"({"type":"artifact","name":"x","future_field":{"a":1},)"
      R"("maps":[{"name":"m","type":33,"type_name":"arena","supported":null}],)"
      R"("programs":[{"name":"p","prog_type_supported":null,"helpers":[{"id":181,"name":"loop","supported":null}],)"
      R"("load":{"ok":false,"errno":"EINVAL"}}]})");
  ASSERT_TRUE(run);
  const ArtifactResult& a = run->artifacts.at(0);
  EXPECT_FALSE(a.maps.at(0).supported.has_value());
  EXPECT_FALSE(a.programs.at(0).prog_type_supported.has_value());
  EXPECT_FALSE(a.programs.at(0).helpers.at(0).supported.has_value());
  EXPECT_EQ(a.programs.at(0).load.err, 0);  // a mistyped field keeps its default
  EXPECT_TRUE(run->warnings.empty());
}

}  // namespace
}  // namespace bpfcompat::validation
