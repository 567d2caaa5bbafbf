// Counts over a run's targets, shared by the exit code, the JSON summary and the text outputs.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/report/report.h"

namespace bpfcompat::report {

struct RunSummary {
  int targets = 0;
  int pass = 0;
  int fail = 0;
  int error = 0;
  int skipped = 0;
  int required_pass = 0;
  int required_failed = 0;
  int required_error = 0;
};

RunSummary summarize(const RunReport& report);

// Profiles in order of first appearance, with the kernel each one booted.
struct ProfileColumn {
  std::string id;
  std::string kernel;    // observed, else requested, else ""
  std::string identity;  // identity_label of its targets: "AlmaLinux 9 · 5.14.0-427.el9…", or ""
  bool required = true;
};
std::vector<ProfileColumn> profile_columns(const RunReport& report);
// Artifact names: the run's artifacts in order, then any only the targets name.
std::vector<std::string> artifact_rows(const RunReport& report);
// Case names in matrix order: the run's cases, then any only the targets name; a report without
// cases (older writers) has one case per artifact.
std::vector<std::string> case_names(const RunReport& report);
// More than one case, or a suite: the outputs show the profile × case collection matrix.
bool is_collection(const RunReport& report);
const TargetReport* find_target(const RunReport& report, const std::string& profile_id,
                                const std::string& case_name);
const CaseInfo* find_case(const RunReport& report, const std::string& case_name);

// One case's column of the matrix, for the cases tables.
struct CaseSummary {
  int targets = 0;
  int required_pass = 0;
  int required_failed = 0;
  int required_error = 0;
  int behavior_pass = 0;  // targets whose functional tests or command passed
  int behavior_fail = 0;
  int exit_code = 0;
};
CaseSummary summarize_case(const RunReport& report, const std::string& case_name);

// --fail-on-stale is set and a required profile is stale: an otherwise passing run exits 3.
bool stale_gate(const RunReport& report);

// "pass" | "fail" | "error" | "stale" for an exit code (130 is an error).
const char* status_of_exit_code(int code);

// "6.4s", "1m05s".
std::string format_duration(long ms);

}  // namespace bpfcompat::report
