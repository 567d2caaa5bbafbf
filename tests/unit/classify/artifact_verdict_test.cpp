// How program verdicts combine into a target verdict, and whole-artifact outcomes.
#include <gtest/gtest.h>

#include "bpfcompat/classify/verdict.h"
#include "bpfcompat/core/file_io.h"
#include "facts_builder.h"

namespace bpfcompat::classify {
namespace {

using namespace testing;  // NOLINT: the builders

validation::ValidatorRun sample(const std::string& name) {
  auto text = read_file(std::string(BPFCOMPAT_TEST_DATA) + "/validation/" + name);
  EXPECT_TRUE(text);
  auto run = validation::parse_validator_output(text ? *text : "");
  EXPECT_TRUE(run);
  return run ? *run : validation::ValidatorRun{};
}

validation::ProgramResult tp(const char* name) {
  return program(name, "tp/sched/sched_process_exec", 5, "tracepoint");
}

TEST(ClassifyArtifact, BpfLoopOn510FailsTargetNamingHelperAndProgram) {
  auto run = sample("debian11-bpf-loop.jsonl");
  ArtifactVerdict v = classify_artifact(run.artifacts.at(0), &*run.hello, Mode::kLoadAttach);
  EXPECT_EQ(v.target.status, Status::kFail);
  EXPECT_EQ(v.target.code, "UNSUPPORTED_HELPER");
  EXPECT_EQ(v.target.reason.rfind("program 'count_loops': bpf_loop", 0), 0u) << v.target.reason;
  EXPECT_NE(v.target.remediation.find("Linux 5.17"), std::string::npos);
  // The verifier's misleading words are the evidence; the helper facts decided the code.
  EXPECT_EQ(v.target.evidence, "number of funcs in func_info doesn't match number of subprogs");
  ASSERT_EQ(v.programs.size(), 2u);
  // The other program loaded alone but was never attached: skipped, not failed.
  EXPECT_EQ(v.programs[1].verdict.status, Status::kSkipped);
  EXPECT_NE(v.programs[1].verdict.reason.find("'count_loops' failed"), std::string::npos);
}

TEST(ClassifyArtifact, Debian12SampleTracepointPassesKprobeMultiFails) {
  auto run = sample("debian12-tracepoint-pass.jsonl");
  ArtifactVerdict ok = classify_artifact(run.artifacts.at(0), &*run.hello, Mode::kLoadAttach);
  EXPECT_EQ(ok.target.status, Status::kPass);
  EXPECT_TRUE(ok.target.code.empty());
  EXPECT_EQ(ok.target.reason, "1 of 1 programs loaded and attached");
  ArtifactVerdict multi = classify_artifact(run.artifacts.at(1), &*run.hello, Mode::kLoadAttach);
  EXPECT_EQ(multi.target.code, "UNSUPPORTED_ATTACH_TYPE");
}

// attach.required: false in the manifest: the failed attach is reported (skipped, with its
// code and reason) but does not fail the target.
TEST(ClassifyArtifact, AnAttachTheManifestMakesOptionalDoesNotFailTheTarget) {
  auto run = sample("debian12-tracepoint-pass.jsonl");
  const auto& multi = run.artifacts.at(1);
  CaseRules rules;
  for (const auto& p : multi.programs) rules.attach_optional.push_back(p.name);
  ArtifactVerdict v = classify_artifact(multi, &*run.hello, Mode::kLoadAttach, rules);
  EXPECT_NE(v.target.status, Status::kFail) << v.target.reason;
  bool reported = false;
  for (const auto& p : v.programs) {
    if (p.verdict.status != Status::kSkipped) continue;
    reported = reported || p.verdict.reason.find("optional in the manifest") != std::string::npos;
    EXPECT_NE(p.verdict.reason.find("UNSUPPORTED_ATTACH_TYPE"), std::string::npos);
  }
  EXPECT_TRUE(reported);
}

TEST(ClassifyArtifact, CrashedCaseIsAnError) {
  auto run = sample("debian13-crashed-case.jsonl");
  ArtifactVerdict v = classify_artifact(run.artifacts.at(0), &*run.hello, Mode::kLoadAttach);
  EXPECT_EQ(v.target.status, Status::kError);
  EXPECT_EQ(v.target.code, "VALIDATOR_CRASHED");
  EXPECT_NE(v.target.reason.find("SIGSEGV"), std::string::npos);
  EXPECT_EQ(v.target.evidence, "artifact fuzzed.bpf.o: status crashed, signal 11 (SIGSEGV)");
  EXPECT_TRUE(v.programs.empty());
}

TEST(ClassifyArtifact, TimeoutIsAnError) {
  validation::ArtifactResult a;
  a.name = "slow.bpf.o";
  a.status = "timeout";
  a.duration_ms = 60000;
  ArtifactVerdict v = classify_artifact(a, nullptr, Mode::kLoadAttach);
  EXPECT_EQ(v.target.status, Status::kError);
  EXPECT_EQ(v.target.code, "VALIDATOR_TIMEOUT");
  EXPECT_NE(v.target.remediation.find("--timeout"), std::string::npos);
}

TEST(ClassifyArtifact, UnopenableObjectIsInvalid) {
  validation::ArtifactResult a;
  a.name = "notes.txt";
  a.status = "done";
  a.open_err = 8;
  a.open_log = "libbpf: elf: failed to open /bpfcompat/a/0.o as ELF file: Invalid argument\n";
  ArtifactVerdict v = classify_artifact(a, nullptr, Mode::kLoadAttach);
  EXPECT_EQ(v.target.status, Status::kFail);
  EXPECT_EQ(v.target.code, "INVALID_OBJECT");
  EXPECT_EQ(v.target.evidence,
            "libbpf: elf: failed to open /bpfcompat/a/0.o as ELF file: Invalid argument");
}

TEST(ClassifyArtifact, ObjectLoadFailureSharedByAllProgramsFailsTarget) {
  auto g = guest("6.1.0-28-cloud-amd64");
  auto p1 = tp("a");
  auto p2 = tp("b");
  p1.attach.status = p2.attach.status = "not_run";
  auto art = artifact("arena.bpf.o", {p1, p2});
  art.maps = {{"arena", 33, "arena", 100, false}};
  art.object_load = {false, 22, -1, "",
                     "libbpf: map 'arena': failed to create: Invalid argument(-22)\n"};
  for (Mode mode : {Mode::kLoadAttach, Mode::kLoadOnly}) {
    ArtifactVerdict v = classify_artifact(art, &g, mode);
    EXPECT_EQ(v.target.status, Status::kFail) << mode_name(mode);
    EXPECT_EQ(v.target.code, "UNSUPPORTED_MAP_TYPE");
    EXPECT_EQ(v.target.reason.rfind("object load: map 'arena'", 0), 0u) << v.target.reason;
  }
  ArtifactVerdict attach_mode = classify_artifact(art, &g, Mode::kLoadAttach);
  EXPECT_EQ(attach_mode.programs.at(0).verdict.code, "UNSUPPORTED_MAP_TYPE");
}

TEST(ClassifyArtifact, SkippedAttachDoesNotFailTarget) {
  auto g = guest("6.1.0-28-cloud-amd64");
  auto skipped = program("ext", "freplace/handler", 28, "ext");
  skipped.attach.status = "skipped";
  skipped.attach.reason = "needs an outside target: freplace of another BPF program";
  ArtifactVerdict v =
      classify_artifact(artifact("x.bpf.o", {tp("a"), skipped}), &g, Mode::kLoadAttach);
  EXPECT_EQ(v.target.status, Status::kPass);
  EXPECT_EQ(v.target.reason, "1 of 2 programs loaded and attached, 1 skipped");
  EXPECT_EQ(v.programs[1].verdict.status, Status::kSkipped);
  EXPECT_EQ(v.programs[1].verdict.reason, skipped.attach.reason);
}

TEST(ClassifyArtifact, AllSkippedMakesTargetSkipped) {
  auto g = guest("6.1.0-28-cloud-amd64");
  auto p = program("k", "kprobe", 2, "kprobe");
  p.attach.status = "skipped";
  p.attach.reason = "needs an outside target: section 'kprobe' names no attach point";
  ArtifactVerdict v = classify_artifact(artifact("x.bpf.o", {p}), &g, Mode::kLoadAttach);
  EXPECT_EQ(v.target.status, Status::kSkipped);
  EXPECT_NE(v.target.reason.find("names no attach point"), std::string::npos);
}

TEST(ClassifyArtifact, NoProgramsIsSkipped) {
  ArtifactVerdict v =
      classify_artifact(artifact("maps-only.bpf.o", {}), nullptr, Mode::kLoadAttach);
  EXPECT_EQ(v.target.status, Status::kSkipped);
  EXPECT_EQ(v.target.reason, "the object has no programs");
}

TEST(ClassifyArtifact, FailOutranksErrorAndFirstFailureWins) {
  auto g = guest("6.1.0-28-cloud-amd64");
  auto odd = tp("odd");
  odd.attach.status = "not_run";  // object loaded, yet never attached: no verdict
  auto f1 = failed_attach(program("k1", "kprobe/gone_one", 2, "kprobe"), "auto", 2, "");
  auto f2 = failed_attach(program("k2", "kprobe/gone_two", 2, "kprobe"), "auto", 2, "");
  ArtifactVerdict v = classify_artifact(artifact("x.bpf.o", {odd, f1, f2}), &g, Mode::kLoadAttach);
  EXPECT_EQ(v.programs[0].verdict.status, Status::kError);
  EXPECT_EQ(v.target.status, Status::kFail);
  EXPECT_EQ(v.target.reason.rfind("program 'k1': ", 0), 0u) << v.target.reason;
}

}  // namespace
}  // namespace bpfcompat::classify
