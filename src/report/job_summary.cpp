// to_job_summary: the Markdown for $GITHUB_STEP_SUMMARY, shaped like the reference's gate summary:
// status, facts, matrix, failure classes, a bounded list of failures and what to do next.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "bpfcompat/report/outputs.h"
#include "markdown_blocks.h"
#include "run_summary.h"

namespace bpfcompat::report {
namespace {

using classify::Status;

bool is_problem(const TargetReport& t) {
  return t.verdict.status == Status::kFail || t.verdict.status == Status::kError;
}

// The class a failure is counted under; code-less ones as the reference counts them.
std::string failure_class(const TargetReport& t) {
  if (!t.verdict.code.empty()) return t.verdict.code;
  return t.verdict.status == Status::kError ? "INFRA_ERROR" : "UNCLASSIFIED_FAILURE";
}

std::string short_sha(const std::string& sha) {
  return sha.empty() ? "" : fmt::format(" (`{}`)", sha.substr(0, 12));
}

std::string counts(const RunReport& r, bool required) {
  int pass = 0, fail = 0, error = 0, skipped = 0;
  for (const auto& t : r.targets) {
    if (t.required != required) continue;
    pass += t.verdict.status == Status::kPass;
    fail += t.verdict.status == Status::kFail;
    error += t.verdict.status == Status::kError;
    skipped += t.verdict.status == Status::kSkipped;
  }
  std::string out = fmt::format("{} pass · {} fail · {} error", pass, fail, error);
  return skipped > 0 ? out + fmt::format(" · {} skipped", skipped) : out;
}

std::string facts(const RunReport& r) {
  auto profiles = profile_columns(r);
  auto required = std::count_if(profiles.begin(), profiles.end(),
                                [](const ProfileColumn& p) { return p.required; });
  std::string out = "| Field | Value |\n|---|---|\n";
  out += fmt::format("| Run | `{}` |\n", md::cell(r.run_id));
  if (!r.suite_name.empty()) out += fmt::format("| Suite | `{}` |\n", md::cell(r.suite_name));
  if (r.shard_count > 0) out += fmt::format("| Shard | {}/{} |\n", r.shard_index, r.shard_count);
  out += fmt::format("| Mode | `{}` |\n", md::cell(r.mode));
  out += fmt::format("| Matrix | {} |\n", md::cell(r.matrix_name));
  std::string artifacts;
  for (const auto& a : r.artifacts) {
    artifacts +=
        fmt::format("{}`{}`{}", artifacts.empty() ? "" : ", ", a.name, short_sha(a.sha256));
  }
  if (!artifacts.empty()) out += fmt::format("| Artifacts | {} |\n", md::cell(artifacts));
  if (!r.validator_version.empty() || !r.validator_sha256.empty()) {
    out += fmt::format("| Validator | {}{} |\n", md::cell(r.validator_version),
                       short_sha(r.validator_sha256));
  }
  out += fmt::format("| Profiles | {} ({} required) |\n", profiles.size(), required);
  out += fmt::format("| Required targets | {} |\n", counts(r, true));
  if (static_cast<std::size_t>(required) < profiles.size()) {
    out += fmt::format("| Optional targets | {} |\n", counts(r, false));
  }
  return out;
}

// Classes by count (descending), then name.
std::vector<std::pair<std::string, int>> failure_classes(const RunReport& r) {
  std::map<std::string, int> by_code;
  for (const auto& t : r.targets) {
    if (is_problem(t)) ++by_code[failure_class(t)];
  }
  std::vector<std::pair<std::string, int>> classes(by_code.begin(), by_code.end());
  std::stable_sort(classes.begin(), classes.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return classes;
}

// Required failures first, each group in report order.
std::vector<const TargetReport*> problems(const RunReport& r) {
  std::vector<const TargetReport*> out;
  for (bool required : {true, false}) {
    for (const auto& t : r.targets) {
      if (is_problem(t) && t.required == required) out.push_back(&t);
    }
  }
  return out;
}

std::string details(const RunReport& r, int max_failures) {
  auto list = problems(r);
  std::size_t shown = std::min(list.size(), static_cast<std::size_t>(std::max(max_failures, 0)));
  std::string out = "## Failure details\n\n";
  for (std::size_t i = 0; i < shown; ++i) {
    const TargetReport& t = *list[i];
    out += fmt::format("- {} **{} on {}**{}: `{}` — {}\n", md::icon(t.verdict.status), t.artifact,
                       t.profile_id, t.required ? "" : " (optional)", failure_class(t),
                       md::cell(t.verdict.reason));
  }
  if (shown < list.size()) {
    out += fmt::format("\n…and {} more in the full report.\n", list.size() - shown);
  }
  return out + "\n";
}

// Each class present with the distinct remediations its targets carry (at most three).
std::string next_steps(const RunReport& r,
                       const std::vector<std::pair<std::string, int>>& classes) {
  std::string out = "## Suggested next steps\n\n";
  for (const auto& [code, count] : classes) {
    std::vector<std::string> fixes;
    for (const auto* t : problems(r)) {
      const std::string& fix = t->verdict.remediation;
      if (failure_class(*t) != code || fix.empty()) continue;
      if (std::find(fixes.begin(), fixes.end(), fix) == fixes.end()) fixes.push_back(fix);
    }
    if (fixes.empty()) {
      out += fmt::format("- **{}**: see the failure details in the full report.\n", code);
      continue;
    }
    for (std::size_t i = 0; i < fixes.size() && i < 3; ++i) {
      // A multi-line remediation (a YAML snippet) keeps its lines in a block under the item.
      std::size_t nl = fixes[i].find('\n');
      out += fmt::format("- **{}**: {}\n", code, md::cell(fixes[i].substr(0, nl)));
      if (nl != std::string::npos) {
        out += "\n  ```text\n";
        std::size_t start = nl + 1;
        while (start < fixes[i].size()) {
          std::size_t end = fixes[i].find('\n', start);
          if (end == std::string::npos) end = fixes[i].size();
          out += "  " + fixes[i].substr(start, end - start) + "\n";
          start = end + 1;
        }
        out += "  ```\n";
      }
    }
  }
  return out + "\n";
}

}  // namespace

std::string to_job_summary(const RunReport& report, int max_failures) {
  RunSummary s = summarize(report);
  int code = report_exit_code(report);
  std::string out = "# bpfcompat compatibility gate\n\n";
  out += fmt::format("**Status:** {} {} (exit {}) — {} of {} targets compatible{}\n\n",
                     md::icon_of_exit_code(code), status_of_exit_code(code), code, s.pass,
                     s.targets, report.interrupted ? " · interrupted" : "");
  if (std::string stale = md::stale_block(report); !stale.empty()) out += stale + "\n";
  out += facts(report) + "\n";
  out += "## Compatibility matrix\n\n" + md::matrix_table(report) + "\n";
  if (is_collection(report)) out += "## Cases\n\n" + md::cases_table(report) + "\n";
  auto classes = failure_classes(report);
  if (classes.empty()) {
    out += "No failures or errors.\n";
    return out;
  }
  out += "## Failure classes\n\n| Class | Count |\n|---|---|\n";
  for (const auto& [name, count] : classes) out += fmt::format("| {} | {} |\n", name, count);
  out += "\n" + details(report, max_failures) + next_steps(report, classes);
  out.pop_back();
  return out;
}

}  // namespace bpfcompat::report
