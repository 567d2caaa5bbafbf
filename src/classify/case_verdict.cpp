// Verdicts that come from running things in the guest: functional tests (behavior mode) and the
// command of a command case.
#include <fmt/format.h>

#include "bpfcompat/classify/verdict.h"
#include "case_verdict.h"
#include "load_rules.h"

namespace bpfcompat::classify {
namespace {

std::string last_line(const std::string& text) {
  std::size_t end = text.find_last_not_of("\n\r ");
  if (end == std::string::npos) return "";
  std::size_t start = text.rfind('\n', end);
  start = start == std::string::npos ? 0 : start + 1;
  return text.substr(start, end - start + 1);
}

std::string run_evidence(const validation::TestRun& t) {
  std::string tail = last_line(t.stderr_tail);
  if (tail.empty()) tail = last_line(t.stdout_tail);
  std::string head = t.timed_out ? fmt::format("timed out after {} ms", t.duration_ms)
                                 : fmt::format("exit {} (expected {})", t.exit_code, t.expect_exit);
  return tail.empty() ? head : fmt::format("{}; last output: {}", head, tail);
}

}  // namespace

std::optional<Verdict> functional_verdict(const validation::ArtifactResult& record) {
  if (!record.functional || record.functional->status != "fail") return std::nullopt;
  for (const auto& t : record.functional->tests) {
    if (!t.required || t.status == "pass") continue;
    std::string why = t.error.empty() ? run_evidence(t) : t.error;
    return make_verdict(
        Status::kFail, "FUNCTIONAL_TEST_FAILURE", Confidence::kHigh,
        fmt::format("functional test '{}' failed while the programs were attached: {}", t.name,
                    why),
        run_evidence(t),
        "The programs loaded and attached, but the behaviour the test checks did not happen on "
        "this kernel. Run the test's command by hand in a guest (--keep, then boot the kept "
        "initramfs or image) and compare its output with a kernel where it passes; check that "
        "the hook the program attaches to fires on this kernel.");
  }
  return std::nullopt;
}

Verdict classify_command(const validation::ArtifactResult& record) {
  if (record.status != "done" || !record.command) {
    return make_verdict(Status::kError,
                        record.status == "timeout" ? "VALIDATOR_TIMEOUT" : "NO_RESULT",
                        Confidence::kMedium,
                        fmt::format("the command case {} produced no result (status {})",
                                    record.name, record.status),
                        "", "See validator output and serial.log in the evidence directory.");
  }
  const auto& c = *record.command;
  if (!c.timed_out && c.exit_code == c.expect_exit) {
    return make_verdict(Status::kPass, "", Confidence::kHigh,
                        fmt::format("the command exited {} as expected", c.exit_code), "", "");
  }
  std::string reason =
      c.timed_out ? fmt::format("the command did not finish within its {} ms", c.duration_ms)
                  : fmt::format("the command exited {}, expected {}", c.exit_code, c.expect_exit);
  if (!c.error.empty() && !c.timed_out && c.exit_code == 127) reason += ": " + c.error;
  return make_verdict(Status::kFail, "COMMAND_VALIDATION_FAILURE", Confidence::kHigh, reason,
                      run_evidence(c),
                      "Your loader failed on this kernel: its stderr tail in the report says "
                      "why. If it needs a library or tool the guest lacks, link it statically "
                      "or use a cloud-image profile.");
}

}  // namespace bpfcompat::classify
