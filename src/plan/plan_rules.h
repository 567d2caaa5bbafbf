// The rules a plan's inputs must satisfy; every broken one is one Error (kInvalidInput).
#pragma once

#include <vector>

#include "bpfcompat/core/result.h"
#include "bpfcompat/plan/planner.h"

namespace bpfcompat::plan {

std::vector<Error> check_inputs(const PlanInputs& inputs);

}  // namespace bpfcompat::plan
