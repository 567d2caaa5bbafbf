// A case of a run: one column of the report. `test` makes one per artifact; `test --command`
// one command case; `suite` one per suite case. Also: what a case ships into the guest.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/config/manifest.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/report/report.h"
#include "bpfcompat/validation/case_plan.h"

namespace bpfcompat::app {

struct CaseCommand {
  std::string command;      // shell, run as root in the guest
  std::string binary;       // absolute host path, or empty
  std::string binary_name;  // file name of binary
  std::string binary_sha256;
  int expect_exit = 0;
};

struct RunCase {
  std::string name;
  std::optional<report::ArtifactInfo> artifact;
  std::optional<config::Manifest> manifest;
  std::string mode;  // load_only | load_attach | behavior | command
  std::optional<CaseCommand> command;
  std::string matrix_name;  // for the report's case table

  bool needs_shell() const;
  report::CaseInfo info() const;
};

// A file to put into the guest.
struct GuestFile {
  std::string host_path;
  std::string guest_path;
  unsigned mode = 0644;
};

// Everything the guest needs for a list of cases: files (artifacts, binaries, plans) and the
// validator arguments (`--case PATH` per case, in order). Plans are written under work_dir.
struct StagedCases {
  std::vector<GuestFile> files;
  std::vector<std::string> args;
  bool needs_shell = false;
};

// guest_prefix: "/bpfcompat/" (kernel lane) or "/tmp/bpfcompat-" (cloud lane); every guest path
// is guest_prefix + a short name. case_timeout bounds a command case's command.
Result<StagedCases> stage_cases(const std::vector<const RunCase*>& cases,
                                const std::string& guest_prefix, const std::string& work_dir,
                                long case_timeout_sec);

// The validator's case plan for one case (pure; exposed for tests).
validation::CasePlan case_plan(const RunCase& c, const std::string& artifact_guest_path,
                               const std::string& binary_guest_path, const std::string& guest_root,
                               long case_timeout_sec);

// Validates a command case's binary for the kernel lane: it must be statically linked.
Result<void> check_static_binary(const std::string& path);

}  // namespace bpfcompat::app
