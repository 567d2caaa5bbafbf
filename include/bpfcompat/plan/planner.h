// Requests → run plans. A PlanRequest is what the CLI asks for (paths and choices); PlanInputs
// is the same with every file loaded by the caller; make_plan applies the rules (modes,
// manifests, commands, profiles shared between matrices, shards) without any I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/config/case_mode.h"
#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/plan/run_plan.h"

namespace bpfcompat::plan {

// `--shard I/N`: count 0 = the whole matrix.
struct Shard {
  int index = 0;
  int count = 0;
};

// Profile p (0-based, in matrix order) belongs to shard I/N iff p % N == I - 1.
bool profile_in_shard(std::size_t profile_index, int shard_index, int shard_count);

struct CommandRequest {
  std::string command;
  std::string binary;  // optional
  int expect_exit = 0;
};

// What `test`, `test-command` and `suite` ask for.
struct PlanRequest {
  std::vector<std::string> artifacts;     // test: one case each; command mode: at most one
  std::string manifest;                   // test --manifest, for every artifact
  std::optional<CommandRequest> command;  // test --command / test-command
  std::string suite;                      // suite --suite (then artifacts/command are unused)
  std::optional<std::string> matrix;      // none: the built-in default matrix
  std::optional<config::CaseMode> mode;   // --mode: overrides every case's mode
  Shard shard;
};

// One requested case with its files loaded.
struct CaseSpec {
  std::string name;  // empty: the artifact's name (or the binary's, for a command)
  std::optional<Artifact> artifact;
  std::optional<config::Manifest> manifest;
  std::optional<config::CaseMode> mode;  // the case's own (suite) mode
  std::optional<Command> command;
  std::size_t matrix = 0;  // index into PlanInputs::matrices
  std::optional<std::chrono::seconds> timeout;
  std::string origin;  // "suite.yaml:12" for errors; empty for `test`
};

struct PlanInputs {
  std::vector<config::Matrix> matrices;
  std::vector<CaseSpec> cases;
  std::optional<config::CaseMode> mode_override;
  Shard shard;
};

// Every rule a plan must satisfy, checked at once: all problems come back in one
// kInvalidInput error. Artifacts are listed once per path and get unique names.
Result<RunPlan> make_plan(const PlanInputs& inputs);

// The mode of a case without --mode: its own, else behavior when its manifest has functional
// tests (the reference tool's rule), else load_attach; command cases are kCommand.
config::CaseMode resolve_mode(const CaseSpec& spec, std::optional<config::CaseMode> override);

}  // namespace bpfcompat::plan
