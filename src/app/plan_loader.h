// Reads what a PlanRequest names (matrices, manifests, the suite, artifacts, loader binaries)
// into plan::PlanInputs, collecting every problem of the input at once.
#pragma once

#include <optional>
#include <string>

#include "bpfcompat/config/suite.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/plan/planner.h"

namespace bpfcompat::app {

struct LoadedRequest {
  plan::PlanInputs inputs;
  // suite runs: the suite's name, path and defaults (workdir, jobs, timeout)
  std::optional<config::Suite> suite;
  std::vector<Error> problems;  // files that could not be loaded; planning adds its own
};

// Fails only when the suite file itself cannot be read; other problems are collected. Matrices
// may name the `catalog`'s profiles by id.
Result<LoadedRequest> load_request(const plan::PlanRequest& request,
                                   const config::ProfileCatalog& catalog);

// plan::make_plan on what was loaded; one kInvalidInput error lists the loading problems and
// the plan's together, so a user sees every problem of the input in one run.
Result<plan::RunPlan> plan_request(const LoadedRequest& loaded);

}  // namespace bpfcompat::app
