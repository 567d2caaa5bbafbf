// to_html: one self-contained page (inline CSS and script, no fetches): header, the coloured
// profile × case matrix whose cells open a target's details, the cases table and the failures.
#include <fmt/format.h>

#include "bpfcompat/report/outputs.h"
#include "html_parts.h"
#include "markup_escape.h"
#include "run_summary.h"

namespace bpfcompat::report {
namespace {

using classify::Status;

std::string esc(const std::string& s) {
  return html_escape(s);
}

// Target ids follow report order: t0, t1, ...
std::string target_id(const RunReport& r, const TargetReport* t) {
  return fmt::format("t{}", t - r.targets.data());
}

std::string stale_pins(const RunReport& r) {
  auto stale = stale_profiles(r);
  if (stale.empty()) return "";
  std::string out =
      "<div class=\"stale-pins\"><p>Stale pins: the index has a newer build than the pinned "
      "<code>version</code></p><ul>\n";
  for (const auto& p : stale) {
    out += fmt::format("<li>{}{}</li>\n", esc(stale_sentence(p)),
                       !p.required       ? " (optional)"
                       : r.fail_on_stale ? " — fails the run (--fail-on-stale)"
                                         : "");
  }
  return out + "</ul></div>\n";
}

std::string header(const RunReport& r) {
  RunSummary s = summarize(r);
  int code = report_exit_code(r);
  const char* status = status_of_exit_code(code);
  std::string out = fmt::format(
      "<header>\n<h1>bpfcompat compatibility report{}</h1>\n"
      "<p><span class=\"badge {}\">{}</span> exit {} — {} of {} targets compatible "
      "(required: {} failed, {} error{})</p>\n",
      r.suite_name.empty() ? "" : ": suite " + esc(r.suite_name), status, status, code, s.pass,
      s.targets, s.required_failed, s.required_error, r.interrupted ? "; interrupted" : "");
  std::string meta = fmt::format("run <code>{}</code> · mode {} · matrix {}", esc(r.run_id),
                                 esc(r.mode), esc(r.matrix_name));
  if (r.shard_count > 0) meta += fmt::format(" · shard {}/{}", r.shard_index, r.shard_count);
  if (!r.started_at.empty()) meta += " · started " + esc(r.started_at);
  if (!r.tool_version.empty()) meta += " · bpfcompat " + esc(r.tool_version);
  return out + "<p class=\"meta\">" + meta + "</p>\n" + stale_pins(r) + "</header>\n";
}

std::string matrix_cell(const RunReport& r, const TargetReport* t) {
  if (t == nullptr) return "<td class=\"cell missing\">—</td>";
  const char* status = classify::status_name(t->verdict.status);
  std::string id = target_id(r, t);
  std::string code = t->verdict.status == Status::kPass ? "" : esc(t->verdict.code);
  return fmt::format(
      "<td class=\"cell {}\" data-target=\"{}\"><a href=\"#{}\" title=\"{}\">{}<small>{}</small>"
      "</a></td>",
      status, id, id, esc(t->verdict.reason), status, code);
}

std::string matrix(const RunReport& r) {
  auto cases = case_names(r);
  std::string out =
      "<h2>Matrix</h2>\n<table class=\"matrix\" id=\"matrix\">\n<thead><tr><th>Profile</th>";
  for (const auto& name : cases) out += "<th scope=\"col\">" + esc(name) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& p : profile_columns(r)) {
    out += fmt::format("<tr><th scope=\"row\">{}{}<small>{}</small></th>", esc(p.id),
                       p.required ? "" : " (optional)",
                       esc(p.identity.empty() ? p.kernel : p.identity));
    for (const auto& name : cases) out += matrix_cell(r, find_target(r, p.id, name));
    out += "</tr>\n";
  }
  return out +
         "</tbody>\n</table>\n<p class=\"legend\"><span class=\"pass\">pass</span>"
         "<span class=\"fail\">fail</span><span class=\"error\">error</span>"
         "<span class=\"skipped\">skipped</span> Select a cell for its details.</p>\n";
}

std::string cases_table(const RunReport& r) {
  std::string out =
      "<h2>Cases</h2>\n<table class=\"cases\"><thead><tr><th>Case</th><th>Artifact</th>"
      "<th>Mode</th><th>Status</th><th>Required pass/fail</th><th>Behavior pass/fail</th></tr>"
      "</thead><tbody>\n";
  for (const auto& name : case_names(r)) {
    const CaseInfo* info = find_case(r, name);
    CaseSummary s = summarize_case(r, name);
    const char* status = status_of_exit_code(s.exit_code);
    std::string behavior = s.behavior_pass + s.behavior_fail == 0
                               ? "—"
                               : fmt::format("{}/{}", s.behavior_pass, s.behavior_fail);
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}/{}{}</td><td>{}</td>"
        "</tr>\n",
        esc(name), esc(info != nullptr ? info->artifact : name),
        esc(info != nullptr && !info->mode.empty() ? info->mode : r.mode), status, status,
        s.required_pass, s.required_failed,
        s.required_error > 0 ? fmt::format(" ({} error)", s.required_error) : "", behavior);
  }
  return out + "</tbody></table>\n";
}

// Links to the failing targets (the quickest way in), then every target's hidden panel.
std::string targets(const RunReport& r) {
  std::string out = "<h2>Targets</h2>\n<p class=\"hint\">";
  std::string links;
  for (const auto& t : r.targets) {
    if (t.verdict.status != Status::kFail && t.verdict.status != Status::kError) continue;
    links += fmt::format("{}<a href=\"#{}\">{} on {}{}</a>", links.empty() ? "" : " · ",
                         target_id(r, &t), esc(t.artifact), esc(t.profile_id),
                         t.verdict.code.empty() ? "" : " (" + esc(t.verdict.code) + ")");
  }
  out += links.empty() ? "No failures or errors." : "Failures and errors: " + links;
  out += "</p>\n";
  for (const auto& t : r.targets) out += html::target_panel(t, target_id(r, &t));
  return out;
}

}  // namespace

std::string to_html(const RunReport& report) {
  std::string title =
      fmt::format("bpfcompat {} — {}", status_of_exit_code(report_exit_code(report)),
                  report.suite_name.empty() ? report.run_id : report.suite_name);
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
      esc(title), html::stylesheet());
  out += header(report) + "<main>\n" + matrix(report);
  if (is_collection(report)) out += cases_table(report);
  out += targets(report) + "</main>\n";
  out += fmt::format("<script>{}</script>\n</body>\n</html>\n", html::script());
  return out;
}

}  // namespace bpfcompat::report
