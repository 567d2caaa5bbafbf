// Markdown pieces shared by to_markdown and to_job_summary.
#include "markdown_blocks.h"

#include <fmt/format.h>

#include "run_summary.h"

namespace bpfcompat::report::md {

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

const char* icon_of_exit_code(int code) {
  return code == 0 ? icon(Status::kPass) : code == 2 ? icon(Status::kFail) : icon(Status::kError);
}

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

std::string code_block(const std::string& text) {
  std::string fence = "```";
  while (text.find(fence) != std::string::npos) fence += '`';
  std::string body = text;
  if (!body.empty() && body.back() != '\n') body += '\n';
  return fmt::format("{}text\n{}{}\n", fence, body, fence);
}

namespace {

std::string profile_header(const ProfileColumn& c) {
  std::string header = c.required ? c.id : c.id + " (optional)";
  const std::string& kernel = c.identity.empty() ? c.kernel : c.identity;
  if (!kernel.empty()) header += "<br>" + kernel;
  return cell(header);
}

std::string verdict_cell(const TargetReport* t, bool brackets) {
  if (t == nullptr) return "—";
  const classify::Verdict& v = t->verdict;
  std::string text = fmt::format("{} {}", icon(v.status), classify::status_name(v.status));
  if (!v.code.empty() && v.status != Status::kPass) {
    text += brackets ? " [" + v.code + "]" : " (" + v.code + ")";
  }
  return cell(text);
}

std::string case_rows_matrix(const RunReport& r) {
  auto columns = profile_columns(r);
  std::string out = "| Artifact |";
  std::string rule = "|---|";
  for (const auto& c : columns) {
    out += " " + profile_header(c) + " |";
    rule += "---|";
  }
  out += "\n" + rule + "\n";
  for (const auto& name : case_names(r)) {
    out += "| " + cell(name) + " |";
    for (const auto& c : columns)
      out += " " + verdict_cell(find_target(r, c.id, name), false) + " |";
    out += "\n";
  }
  return out;
}

std::string profile_rows_matrix(const RunReport& r) {
  auto cases = case_names(r);
  std::string out = "| Profile |";
  std::string rule = "|---|";
  for (const auto& name : cases) {
    out += " " + cell(name) + " |";
    rule += "---|";
  }
  out += "\n" + rule + "\n";
  for (const auto& c : profile_columns(r)) {
    out += "| " + profile_header(c) + " |";
    for (const auto& name : cases)
      out += " " + verdict_cell(find_target(r, c.id, name), true) + " |";
    out += "\n";
  }
  return out;
}

}  // namespace

std::string matrix_table(const RunReport& r) {
  return is_collection(r) ? profile_rows_matrix(r) : case_rows_matrix(r);
}

std::string stale_block(const RunReport& r) {
  auto stale = stale_profiles(r);
  if (stale.empty()) return "";
  std::string out = "**Stale pins** — the index has a newer build than the pinned `version`:\n\n";
  for (const auto& p : stale) {
    std::string gate = !p.required       ? " (optional)"
                       : r.fail_on_stale ? " — fails the run (`--fail-on-stale`)"
                                         : "";
    out += fmt::format("- {} {}{}\n", icon(Status::kError), cell(stale_sentence(p)), gate);
  }
  return out;
}

std::string cases_table(const RunReport& r) {
  std::string out =
      "| Case | Artifact | Mode | Status | Required pass/fail | Behavior pass/fail |\n"
      "|---|---|---|---|---|---|\n";
  for (const auto& name : case_names(r)) {
    const CaseInfo* info = find_case(r, name);
    CaseSummary s = summarize_case(r, name);
    std::string mode = info != nullptr && !info->mode.empty() ? info->mode : r.mode;
    for (const auto& t : r.targets) {
      if (info == nullptr && t.artifact == name && !t.mode.empty()) mode = t.mode;
    }
    std::string artifact = info != nullptr ? info->artifact : name;
    std::string required = fmt::format("{}/{}", s.required_pass, s.required_failed);
    if (s.required_error > 0) required += fmt::format(" ({} error)", s.required_error);
    std::string behavior = s.behavior_pass + s.behavior_fail == 0
                               ? "—"
                               : fmt::format("{}/{}", s.behavior_pass, s.behavior_fail);
    out += fmt::format("| {} | {} | {} | {} {} | {} | {} |\n", cell(name),
                       artifact.empty() ? "—" : cell(artifact), cell(mode),
                       icon_of_exit_code(s.exit_code), status_of_exit_code(s.exit_code), required,
                       behavior);
  }
  return out;
}

}  // namespace bpfcompat::report::md
