// What a run will do before anything boots: its cases and, per profile, which cases it serves.
// `test` puts every case on one matrix; a suite's cases may name different matrices, and a
// profile shared by several of them still boots once.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/app/test_run.h"
#include "bpfcompat/config/matrix.h"
#include "bpfcompat/config/suite.h"
#include "bpfcompat/core/result.h"
#include "run_case.h"

namespace bpfcompat::app {

struct ProfileJob {
  config::MatrixEntry entry;
  std::vector<std::size_t> cases;  // indices into RunPlan::cases
};

struct RunPlan {
  std::vector<RunCase> cases;
  std::vector<ProfileJob> jobs;  // first-seen profile order
  std::string matrix_name;       // the (first) matrix's name
  std::string matrix_path;
  std::vector<report::ArtifactInfo> artifacts;  // distinct artifacts of all cases
};

// `test` and `test-command`: artifacts (or the command) × one matrix. Every check that can
// fail on the user's input happens here (kInvalidInput).
Result<RunPlan> plan_test(const TestOptions& options);

// `suite`: the suite's cases, each on its own matrix.
Result<RunPlan> plan_suite(const config::Suite& suite, const TestOptions& options);

// Keeps only the profiles of shard I/N (by profile index); no-op when shard_count is 0.
void apply_shard(RunPlan& plan, int shard_index, int shard_count);

}  // namespace bpfcompat::app
