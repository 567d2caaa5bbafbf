// What a run will do before anything boots: its cases (the report's columns) and, per profile,
// the cases that profile's one boot serves. Pure: built from inputs the caller has loaded.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/config/case_mode.h"
#include "bpfcompat/config/manifest.h"
#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/result.h"

namespace bpfcompat::plan {

// An artifact of the run, once per path; `name` is unique in the run ("x.bpf.o", "x.bpf.o#2").
struct Artifact {
  std::string name;
  std::string path;  // absolute
  std::string sha256;
  // Kernel functions its programs attach to by name (inspect::attach_targets), read once by the
  // plan loader: the kernel lane loads the modules that define them. Empty for a command's object.
  std::vector<std::string> kernel_functions;
};

enum class Linkage { kStatic, kDynamic, kNotElf };  // kNotElf: a script the guest's shell runs

// Command mode: a shell command run as root in every guest; the verdict is its exit code.
struct Command {
  std::string command;
  std::string binary;  // absolute host path, or empty
  std::string binary_name;
  std::string binary_sha256;
  Linkage binary_linkage = Linkage::kStatic;
  int expect_exit = 0;
};

struct Case {
  std::string name;
  std::optional<Artifact> artifact;
  std::optional<config::Manifest> manifest;
  config::CaseMode mode = config::CaseMode::kLoadAttach;
  std::optional<Command> command;
  std::string matrix_name;                      // for the report's case table
  std::optional<std::chrono::seconds> timeout;  // the case's own watchdog (suite `timeout`)

  // A guest shell is needed: command cases and behavior cases with functional tests.
  bool needs_shell() const;
};

struct ProfileJob {
  config::MatrixEntry entry;       // required if any matrix requiring it does
  std::vector<std::size_t> cases;  // indices into RunPlan::cases, in case order
};

struct RunPlan {
  std::vector<Case> cases;
  std::vector<ProfileJob> jobs;  // first-seen profile order (after the shard is taken)
  std::string matrix_name;       // the first matrix's name
  std::string matrix_path;
  std::vector<Artifact> artifacts;  // distinct artifacts of all cases

  // The report's mode: the cases' common mode name, "mixed" when they differ.
  std::string mode_label() const;

  // One boot serves every case of a job: its budget is the matrix entry's own `timeout` when it
  // has one, else `base` (--timeout, the suite's default or 5 min) raised to the largest
  // timeout any of the job's own cases asks for. The lanes use it as it is.
  std::chrono::seconds boot_budget(const ProfileJob& job, std::chrono::seconds base) const;
};

}  // namespace bpfcompat::plan
