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
  std::string kernel;  // observed, else requested, else ""
  bool required = true;
};
std::vector<ProfileColumn> profile_columns(const RunReport& report);
// Artifact names: the run's artifacts in order, then any only the targets name.
std::vector<std::string> artifact_rows(const RunReport& report);

// "6.4s", "1m05s".
std::string format_duration(long ms);

}  // namespace bpfcompat::report
