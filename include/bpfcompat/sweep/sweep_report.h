// What a sweep found, as the user reads it: the JSON sweep report (docs/sweep-schema.json) and
// the one-line answer on stdout. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace bpfcompat::sweep {

inline constexpr const char* kSweepSchemaVersion = "1.0";

// One candidate kernel that was booted, with the verdict of its run.
struct TestedVersion {
  std::string version;          // the package version pinned
  std::string profile_id;       // the pinned candidate's id, e.g. rocky-9@5.14.0-427.el9
  std::string verdict;          // pass | fail | error | skipped
  std::string code;             // e.g. UNSUPPORTED_HELPER; empty on pass
  std::string detail;           // what decided it, short: "UNSUPPORTED_HELPER bpf_loop"
  std::string reason;           // the verdict's sentence
  std::string observed_kernel;  // uname -r in the guest
  int step = 0;                 // 1-based step of the sweep that booted it
  std::string run_id;
  std::string run_report;  // the report.json the verdict comes from
};

struct VersionChange {
  std::string before;  // last version with the old verdict
  std::string after;   // first version with the new one
};

struct SweepReport {
  std::string schema_version = kSweepSchemaVersion;
  std::string sweep_id;
  std::string started_at;
  std::string finished_at;
  std::string tool_version;
  std::string sweep_dir;
  std::string profile_id;
  std::string profile_origin;          // "matrices/profiles/rocky-9.yaml:1" or "built-in"
  std::string kernel_source;           // KernelSource::describe()
  std::vector<std::string> artifacts;  // paths
  std::string manifest;
  std::string strategy;                 // bisect | all
  std::string from;                     // --from, or ""
  std::string to;                       // --to, or ""
  std::vector<std::string> available;   // every version the index offers, oldest first
  std::vector<std::string> candidates;  // those within --from/--to
  std::vector<TestedVersion> tested;    // oldest first
  std::vector<std::string> runs;        // the run reports, in step order
  int boots = 0;                        // candidates booted (a retried boot counts once)
  std::string finding;                  // boundary | no_change | several_changes | error
  std::vector<VersionChange> changes;   // oldest first
  std::string error;                    // why there is no answer (finding error), else ""
  bool interrupted = false;
  int exit_code = 1;
  std::string summary;  // the answer in one line, as printed
};

const TestedVersion* find_tested(const SweepReport& report, const std::string& version);

// "loads from 6.1.0-1 on; fails on 5.10.0-1 and older (UNSUPPORTED_HELPER bpf_loop)", "no
// change between A and B: ...", "more than one change: ...", or why there is no answer.
std::string summarize(const SweepReport& report);

std::string to_json(const SweepReport& report);  // pretty, stable key order

}  // namespace bpfcompat::sweep
