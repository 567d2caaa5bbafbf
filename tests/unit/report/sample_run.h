// A small, realistic run for the report tests: two artifacts on two required Debian kernels and
// an optional unstable kernel, giving pass, fail, error and skipped targets.
#pragma once

#include "bpfcompat/report/report.h"

namespace bpfcompat::report::testing {

RunReport sample_run();

// A target with only what exit-code tests need.
TargetReport target(std::string profile, bool required, classify::Status status,
                    std::string code = "");

}  // namespace bpfcompat::report::testing
