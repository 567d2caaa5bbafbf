// The exit code and run status (docs/exit-codes.md), and the counts they are computed from.
#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "bpfcompat/core/exit_codes.h"
#include "bpfcompat/report/report.h"
#include "kernel_identity.h"
#include "run_summary.h"

namespace bpfcompat::report {

using classify::Status;

RunSummary summarize(const RunReport& report) {
  RunSummary s;
  for (const auto& t : report.targets) {
    ++s.targets;
    switch (t.verdict.status) {
      case Status::kPass:
        ++s.pass;
        s.required_pass += t.required;
        break;
      case Status::kFail:
        ++s.fail;
        s.required_failed += t.required;
        break;
      case Status::kError:
        ++s.error;
        s.required_error += t.required;
        break;
      case Status::kSkipped:
        ++s.skipped;
        break;
    }
  }
  return s;
}

std::vector<ProfileColumn> profile_columns(const RunReport& report) {
  std::vector<ProfileColumn> columns;
  for (const auto& t : report.targets) {
    auto it = std::find_if(columns.begin(), columns.end(),
                           [&](const ProfileColumn& c) { return c.id == t.profile_id; });
    if (it == columns.end()) {
      columns.push_back({t.profile_id, "", "", t.required});
      it = std::prev(columns.end());
    }
    if (it->kernel.empty()) it->kernel = t.observed_kernel;
  }
  for (auto& c : columns) {
    for (const auto& t : report.targets) {
      if (t.profile_id != c.id) continue;
      if (c.kernel.empty()) c.kernel = t.requested_kernel;
      // The label of a target that booted names the observed release: it wins.
      if (c.identity.empty() || !t.observed_kernel.empty()) {
        std::string label = identity_label(t);
        if (!label.empty()) c.identity = label;
      }
    }
  }
  return columns;
}

std::vector<std::string> artifact_rows(const RunReport& report) {
  std::vector<std::string> rows;
  auto add = [&](const std::string& name) {
    if (std::find(rows.begin(), rows.end(), name) == rows.end()) rows.push_back(name);
  };
  for (const auto& a : report.artifacts) add(a.name);
  for (const auto& t : report.targets) add(t.artifact);
  return rows;
}

std::string format_duration(long ms) {
  if (ms < 60'000) return fmt::format("{:.1f}s", static_cast<double>(ms) / 1000.0);
  long s = ms / 1000;
  return fmt::format("{}m{:02}s", s / 60, s % 60);
}

int exit_code(const RunReport& report) {
  RunSummary s = summarize(report);
  if (s.required_failed > 0) return kExitIncompatible;
  if (report.interrupted) return kExitInterrupted;
  if (s.required_error > 0) return kExitInfrastructure;
  return stale_gate(report) ? kExitStale : kExitOk;
}

std::string run_status(const RunReport& report) {
  return status_of_exit_code(exit_code(report));
}

}  // namespace bpfcompat::report
