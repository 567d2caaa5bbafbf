// to_summary_table: the compact table bpfcompat prints on stdout at the end of a run.
#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "bpfcompat/report/report.h"
#include "kernel_identity.h"
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

using Row = std::vector<std::string>;

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

namespace {

// The header, then one row per target; DISTRO (second) only when `distro`.
std::vector<Row> table_rows(const RunReport& report, bool distro) {
  std::vector<Row> rows{{"PROFILE", "KERNEL", "ARTIFACT", "VERDICT", "CODE", "TIME"}};
  if (distro) rows[0].insert(rows[0].begin() + 1, "DISTRO");
  for (const auto& t : report.targets) {
    Row row{t.required ? t.profile_id : t.profile_id + " (optional)",
            t.observed_kernel.empty() ? "-" : t.observed_kernel,
            t.artifact,
            classify::status_name(t.verdict.status),
            t.verdict.code.empty() ? "-" : t.verdict.code,
            format_duration(t.duration_ms)};
    if (distro) {
      std::string label = distro_label(t.distro, t.distro_version);
      row.insert(row.begin() + 1, label.empty() ? "-" : label);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// After the totals, a line per stale pin; with --fail-on-stale, what that does to the exit code.
std::string stale_notes(const RunReport& report) {
  std::string out;
  for (const auto& p : stale_profiles(report)) {
    out += fmt::format("stale: {}{}\n", stale_sentence(p), p.required ? "" : " (optional)");
  }
  if (stale_gate(report)) out += "--fail-on-stale: a required profile is stale (exit 3)\n";
  return out;
}

}  // namespace

std::string to_summary_table(const RunReport& report, bool color) {
  // DISTRO only when a profile names its distribution (the built-in ones do).
  bool distro = std::any_of(report.targets.begin(), report.targets.end(),
                            [](const TargetReport& t) { return !t.distro.empty(); });
  std::vector<Row> rows = table_rows(report, distro);
  const std::size_t verdict = distro ? 4 : 3;
  std::vector<std::size_t> width(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  std::string out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (std::size_t i = 0; i < rows[r].size(); ++i) {
      const std::string& text = rows[r][i];
      std::string pad = i + 1 == rows[r].size() ? "" : std::string(width[i] - text.size() + 2, ' ');
      if (color && r > 0 && i == verdict) {
        line += color_of(report.targets[r - 1].verdict.status) + text + kReset + pad;
      } else {
        line += text + pad;
      }
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
  out += stale_notes(report);
  return out;
}

}  // namespace bpfcompat::report
