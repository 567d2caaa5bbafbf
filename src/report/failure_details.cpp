// md::failure_details: what one failing or erroring target shows in the Markdown outputs.
#include <fmt/format.h>

#include "kernel_identity.h"
#include "markdown_blocks.h"

namespace bpfcompat::report::md {
namespace {

using classify::Status;

std::string program_table(const TargetReport& t) {
  std::string out = "| Program | Section | Status | Code | Reason |\n|---|---|---|---|---|\n";
  for (const auto& p : t.programs) {
    out += fmt::format("| {} | {} | {} | {} | {} |\n", cell(p.name), cell(p.section),
                       classify::status_name(p.verdict.status), cell(p.verdict.code),
                       cell(p.verdict.reason));
  }
  return out;
}

std::string fixup_list(const TargetReport& t) {
  std::string out = "Manifest fixups:\n\n";
  for (const auto& f : t.fixups) {
    out += fmt::format("- {} `{}`: {}{}\n", f.kind, f.target, f.detail, f.ok ? "" : " (failed)");
  }
  return out + "\n";
}

// One functional test or command run: a line with its result, then the output tails of a run
// that did not pass.
std::string test_run(const validation::TestRun& run, const std::string& label) {
  std::string out =
      fmt::format("**{}** `{}`{}: {}", label, run.name, run.required ? "" : " (optional)",
                  run.status.empty() ? "not_run" : run.status);
  if (run.status != "not_run" && run.error.empty()) {  // the error says it otherwise
    out += fmt::format(" — exit {}, expected {}", run.exit_code, run.expect_exit);
  }
  if (run.timed_out) out += ", timed out";
  if (run.duration_ms > 0) out += fmt::format(" ({} ms)", run.duration_ms);
  if (!run.error.empty()) out += " — " + run.error;
  out += "\n\n";
  if (run.status == "pass") return out;
  if (!run.stdout_tail.empty()) out += "stdout (tail):\n\n" + code_block(run.stdout_tail) + "\n";
  if (!run.stderr_tail.empty()) out += "stderr (tail):\n\n" + code_block(run.stderr_tail) + "\n";
  return out;
}

std::string behavior(const TargetReport& t) {
  std::string out;
  if (t.functional && !t.functional->tests.empty()) {
    out += fmt::format("Functional tests: **{}**\n\n", t.functional->status);
    for (const auto& run : t.functional->tests) out += test_run(run, "Test");
  }
  if (t.command) out += test_run(*t.command, "Command");
  return out;
}

}  // namespace

std::string failure_details(const TargetReport& t) {
  const classify::Verdict& v = t.verdict;
  std::string kernel = t.observed_kernel.empty() ? t.requested_kernel : t.observed_kernel;
  if (!kernel.empty()) kernel = " (" + kernel + ")";
  if (!t.distro.empty()) kernel = " — " + identity_label(t);  // "— Debian 12 · 6.1.0-28-…"
  std::string out = fmt::format("### {} {} on {}{}{}\n\n", icon(v.status), t.artifact, t.profile_id,
                                kernel, t.required ? "" : ", optional");
  out += fmt::format("**{}**", v.code.empty() ? classify::status_name(v.status) : v.code);
  if (!v.code.empty()) {
    out += fmt::format(" ({} confidence)", classify::confidence_name(v.confidence));
  }
  out += ": " + v.reason + "\n\n";
  if (!t.programs.empty()) out += program_table(t) + "\n";
  if (!t.fixups.empty()) out += fixup_list(t);
  out += behavior(t);
  if (!v.evidence.empty()) out += "Evidence:\n\n" + code_block(v.evidence) + "\n";
  if (!v.remediation.empty()) out += "**Remediation:** " + v.remediation + "\n\n";
  if (v.status == Status::kError && !t.console_tail.empty()) {
    out += "<details><summary>Console tail</summary>\n\n" + code_block(t.console_tail) +
           "\n</details>\n\n";
  }
  return out;
}

}  // namespace bpfcompat::report::md
