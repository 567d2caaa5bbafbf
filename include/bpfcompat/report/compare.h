// Diffing two reports (baseline vs head, `report compare`), case by case across renames.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/core/result.h"
#include "bpfcompat/report/report.h"

namespace bpfcompat::report {

enum class Change { kUnchanged, kImproved, kRegressed, kChanged, kAdded, kRemoved };
const char* change_name(Change c);  // "unchanged", "improved", ...

// `--rename OLD=NEW`: the base report's case OLD is the head report's case NEW. Either side may
// also be an artifact's file name when exactly one case of that report uses the artifact.
struct CaseRename {
  std::string base, head;
};
// "OLD=NEW" → {OLD, NEW}; kInvalidInput naming the text otherwise.
Result<CaseRename> parse_case_rename(const std::string& text);

enum class RenameSource { kExplicit, kSameArtifact };  // --rename, or the same sha256
const char* rename_source_name(RenameSource s);        // "--rename", "same sha256"

struct RenamedCase {
  std::string base, head;  // case names
  RenameSource source = RenameSource::kExplicit;
};

struct TargetDiff {
  std::string profile_id;
  std::string case_name;                 // in head (in base for removed)
  std::string base_case_name;            // the case's name in base when it was renamed, else ""
  bool required = true;                  // in head (in base for removed)
  std::string base_status, head_status;  // "" when absent
  std::string base_code, head_code;
  Change change = Change::kUnchanged;
};

struct Comparison {
  std::vector<TargetDiff> targets;
  std::vector<RenamedCase> renamed;
  int improved = 0, regressed = 0, required_regressions = 0, changed = 0, added = 0, removed = 0;
};

// Targets are matched by profile and case name. A case whose name is only in one report is
// paired first by `renames`, then with the one case only in the other report that runs the same
// artifact (same sha256, mode and command): a renamed case is compared, not removed and added.
// Status order pass > skipped > error > fail for improved/regressed; same status with another
// code is `changed`. A required target that was pass in base and is fail or error in head is a
// required regression; so is a required target that disappeared. A rename whose side names no
// case (or an artifact of several cases), or a case renamed twice → kInvalidInput naming it.
Result<Comparison> compare_reports(const RunReport& base, const RunReport& head,
                                   const std::vector<CaseRename>& renames = {});
std::string comparison_markdown(const Comparison& c);
std::string comparison_json(const Comparison& c);

}  // namespace bpfcompat::report
