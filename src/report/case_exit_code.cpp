// Cases, the columns of the matrix: their names, per-case counts and the suite exit code.
#include <algorithm>

#include "bpfcompat/core/exit_codes.h"
#include "bpfcompat/report/report.h"
#include "run_summary.h"

namespace bpfcompat::report {

using classify::Status;

std::vector<std::string> case_names(const RunReport& report) {
  if (report.cases.empty()) return artifact_rows(report);
  std::vector<std::string> names;
  auto add = [&](const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  for (const auto& c : report.cases) add(c.name);
  for (const auto& t : report.targets) add(t.artifact);
  return names;
}

bool is_collection(const RunReport& report) {
  return !report.suite_name.empty() || case_names(report).size() > 1;
}

const TargetReport* find_target(const RunReport& report, const std::string& profile_id,
                                const std::string& case_name) {
  for (const auto& t : report.targets) {
    if (t.profile_id == profile_id && t.artifact == case_name) return &t;
  }
  return nullptr;
}

const CaseInfo* find_case(const RunReport& report, const std::string& case_name) {
  for (const auto& c : report.cases) {
    if (c.name == case_name) return &c;
  }
  return nullptr;
}

namespace {

// Whether the target's functional tests or command ran, and how they ended.
void count_behavior(const TargetReport& t, CaseSummary& s) {
  std::string status;
  if (t.functional && t.functional->status != "skipped") status = t.functional->status;
  if (t.command) status = t.command->status == "not_run" ? "" : t.command->status;
  if (status == "pass" || status == "warn") ++s.behavior_pass;
  if (status == "fail") ++s.behavior_fail;
}

}  // namespace

CaseSummary summarize_case(const RunReport& report, const std::string& case_name) {
  CaseSummary s;
  RunReport only;
  for (const auto& t : report.targets) {
    if (t.artifact != case_name) continue;
    only.targets.push_back(t);
    ++s.targets;
    count_behavior(t, s);
  }
  RunSummary counts = summarize(only);
  s.required_pass = counts.required_pass;
  s.required_failed = counts.required_failed;
  s.required_error = counts.required_error;
  s.exit_code = exit_code(only);
  return s;
}

int case_exit_code(const RunReport& report, const std::string& case_name) {
  return summarize_case(report, case_name).exit_code;
}

int suite_exit_code(const RunReport& report) {
  if (report.interrupted) return kExitInterrupted;
  int code = kExitOk;
  for (const auto& name : case_names(report)) {
    int c = case_exit_code(report, name);
    if (c == kExitInfrastructure) return kExitInfrastructure;  // sticky
    if (c == kExitIncompatible) code = kExitIncompatible;
  }
  return code == kExitOk && stale_gate(report) ? kExitStale : code;
}

int report_exit_code(const RunReport& report) {
  return report.suite_name.empty() ? exit_code(report) : suite_exit_code(report);
}

const char* status_of_exit_code(int code) {
  switch (code) {
    case kExitOk:
      return "pass";
    case kExitIncompatible:
      return "fail";
    case kExitStale:
      return "stale";
    default:
      return "error";
  }
}

}  // namespace bpfcompat::report
