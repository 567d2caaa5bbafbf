// to_markdown: the artifact × profile matrix at a glance, then details of failures and errors
// only. Also the GitHub job summary, so it must read well rendered and stay byte-stable.
#include <fmt/format.h>

#include "bpfcompat/report/report.h"
#include "run_summary.h"

namespace bpfcompat::report {
namespace {

using classify::Status;

const char* icon(Status s) {
  switch (s) {
    case Status::kPass:
      return "✅";
    case Status::kFail:
      return "❌";
    case Status::kError:
      return "⚠️";
    case Status::kSkipped:
      return "➖";
  }
  return "";
}

// A table cell: one line, pipes escaped.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string verdict_cell(const classify::Verdict& v) {
  std::string text = fmt::format("{} {}", icon(v.status), classify::status_name(v.status));
  if (!v.code.empty() && v.status != Status::kPass) text += fmt::format(" ({})", v.code);
  return cell(text);
}

// A fenced block that its content cannot close.
std::string code_block(const std::string& text) {
  std::string fence = "```";
  while (text.find(fence) != std::string::npos) fence += '`';
  std::string body = text;
  if (!body.empty() && body.back() != '\n') body += '\n';
  return fmt::format("{}text\n{}{}\n", fence, body, fence);
}

std::string status_line(const RunReport& r) {
  RunSummary s = summarize(r);
  std::string status = run_status(r);
  Status as = status == "pass" ? Status::kPass : status == "fail" ? Status::kFail : Status::kError;
  std::string line =
      fmt::format("**{} {}** — {} of {} targets compatible", icon(as), status, s.pass, s.targets);
  line += fmt::format(" (required: {} failed, {} error)", s.required_failed, s.required_error);
  if (r.interrupted) line += " · interrupted";
  line += fmt::format(" · mode `{}` · run `{}`", r.mode, r.run_id);
  return line + "\n";
}

std::string matrix_table(const RunReport& r) {
  auto columns = profile_columns(r);
  std::string out = "| Artifact |";
  std::string rule = "|---|";
  for (const auto& c : columns) {
    std::string header = c.required ? c.id : c.id + " (optional)";
    if (!c.kernel.empty()) header += "<br>" + c.kernel;
    out += " " + cell(header) + " |";
    rule += "---|";
  }
  out += "\n" + rule + "\n";
  for (const auto& artifact : artifact_rows(r)) {
    out += "| " + cell(artifact) + " |";
    for (const auto& c : columns) {
      std::string text = "—";
      for (const auto& t : r.targets) {
        if (t.artifact == artifact && t.profile_id == c.id) text = verdict_cell(t.verdict);
      }
      out += " " + text + " |";
    }
    out += "\n";
  }
  return out;
}

std::string program_table(const TargetReport& t) {
  std::string out = "| Program | Section | Status | Code | Reason |\n|---|---|---|---|---|\n";
  for (const auto& p : t.programs) {
    out += fmt::format("| {} | {} | {} | {} | {} |\n", cell(p.name), cell(p.section),
                       classify::status_name(p.verdict.status), cell(p.verdict.code),
                       cell(p.verdict.reason));
  }
  return out;
}

std::string failure_details(const TargetReport& t) {
  const classify::Verdict& v = t.verdict;
  std::string kernel = t.observed_kernel.empty() ? t.requested_kernel : t.observed_kernel;
  std::string out =
      fmt::format("### {} {} on {}{}{}\n\n", icon(v.status), t.artifact, t.profile_id,
                  kernel.empty() ? "" : " (" + kernel + ")", t.required ? "" : ", optional");
  out += fmt::format("**{}**", v.code.empty() ? classify::status_name(v.status) : v.code);
  if (!v.code.empty())
    out += fmt::format(" ({} confidence)", classify::confidence_name(v.confidence));
  out += ": " + v.reason + "\n\n";
  if (!t.programs.empty()) out += program_table(t) + "\n";
  if (!v.evidence.empty()) out += "Evidence:\n\n" + code_block(v.evidence) + "\n";
  if (!v.remediation.empty()) out += "**Remediation:** " + v.remediation + "\n\n";
  if (v.status == Status::kError && !t.console_tail.empty()) {
    out += "<details><summary>Console tail</summary>\n\n" + code_block(t.console_tail) +
           "\n</details>\n\n";
  }
  return out;
}

}  // namespace

std::string to_markdown(const RunReport& report) {
  std::string out = "# bpfcompat compatibility report\n\n";
  out += status_line(report) + "\n";
  out += matrix_table(report) + "\n";
  out += "## Failures\n\n";
  bool any = false;
  for (const auto& t : report.targets) {
    if (t.verdict.status != Status::kFail && t.verdict.status != Status::kError) continue;
    out += failure_details(t);
    any = true;
  }
  if (!any) out += "None.\n\n";
  out.pop_back();  // a single trailing newline
  return out;
}

}  // namespace bpfcompat::report
