// to_summary_table: the compact table bpfcompat prints on stdout at the end of a run.
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "bpfcompat/report/report.h"
#include "run_summary.h"

namespace bpfcompat::report {
namespace {

using classify::Status;

const char* color_of(Status s) {
  switch (s) {
    case Status::kPass:
      return "\x1b[32m";
    case Status::kFail:
      return "\x1b[31m";
    case Status::kError:
      return "\x1b[33m";
    case Status::kSkipped:
      return "\x1b[2m";
  }
  return "";
}
constexpr const char* kReset = "\x1b[0m";

using Row = std::array<std::string, 6>;

}  // namespace

// Under the table, what failed and what to do, one block per failing or erroring target.
std::string failure_notes(const RunReport& report) {
  std::string out;
  for (const auto& t : report.targets) {
    if (t.verdict.status != Status::kFail && t.verdict.status != Status::kError) continue;
    out += fmt::format("\n{} on {}: {}\n", t.artifact, t.profile_id, t.verdict.reason);
    if (!t.verdict.evidence.empty()) out += fmt::format("  evidence: {}\n", t.verdict.evidence);
    if (!t.verdict.remediation.empty()) {
      // Continuation lines (a YAML snippet) line up under the text after "fix: ".
      std::string fix = t.verdict.remediation;
      for (std::size_t at = fix.find('\n'); at != std::string::npos; at = fix.find('\n', at + 1)) {
        fix.insert(at + 1, "       ");
      }
      out += fmt::format("  fix: {}\n", fix);
    }
  }
  return out.empty() ? out : out + "\n";
}

std::string to_summary_table(const RunReport& report, bool color) {
  std::vector<Row> rows{{"PROFILE", "KERNEL", "ARTIFACT", "VERDICT", "CODE", "TIME"}};
  for (const auto& t : report.targets) {
    rows.push_back({t.required ? t.profile_id : t.profile_id + " (optional)",
                    t.observed_kernel.empty() ? "-" : t.observed_kernel, t.artifact,
                    classify::status_name(t.verdict.status),
                    t.verdict.code.empty() ? "-" : t.verdict.code, format_duration(t.duration_ms)});
  }
  std::array<std::size_t, 6> width{};
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  std::string out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (std::size_t i = 0; i < rows[r].size(); ++i) {
      std::string text = rows[r][i];
      std::string padded =
          i + 1 == rows[r].size() ? text : text + std::string(width[i] - text.size() + 2, ' ');
      if (color && r > 0 && i == 3) {
        Status s = report.targets[r - 1].verdict.status;
        padded = color_of(s) + text + kReset + padded.substr(text.size());
      }
      line += padded;
    }
    out += line + "\n";
  }
  out += failure_notes(report);
  RunSummary s = summarize(report);
  out += fmt::format("{} of {} targets compatible; required: {} passed, {} failed, {} error",
                     s.pass, s.targets, s.required_pass, s.required_failed, s.required_error);
  if (s.skipped > 0) out += fmt::format("; {} skipped", s.skipped);
  if (report.interrupted) out += "; interrupted";
  out += "\n";
  return out;
}

}  // namespace bpfcompat::report
