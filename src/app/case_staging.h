// What the cases of one boot ship into the guest: their files and the validator's case plans.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/core/result.h"
#include "bpfcompat/plan/run_plan.h"
#include "bpfcompat/report/report.h"
#include "bpfcompat/validation/case_plan.h"
#include "bpfcompat/vm/guest_file.h"

namespace bpfcompat::app {

using vm::GuestFile;

// Everything the guest needs for a list of cases: files (artifacts, binaries, plans) and the
// validator arguments (`--case PATH` per case, in order). Plans are written under work_dir.
struct StagedCases {
  std::vector<GuestFile> files;
  std::vector<std::string> args;
  bool needs_shell = false;
};

// guest_prefix: "/bpfcompat/" (kernel lane) or "/tmp/bpfcompat-" (cloud lane); every guest path
// is guest_prefix + a short name. case_timeout bounds a command case's command.
Result<StagedCases> stage_cases(const std::vector<const plan::Case*>& cases,
                                const std::string& guest_prefix, const std::string& work_dir,
                                long case_timeout_sec);

// The validator's case plan for one case (pure; exposed for tests).
validation::CasePlan case_plan(const plan::Case& c, const std::string& artifact_guest_path,
                               const std::string& binary_guest_path, const std::string& guest_root,
                               long case_timeout_sec);

// What the report's case table says of a case.
report::CaseInfo case_info(const plan::Case& c);

}  // namespace bpfcompat::app
