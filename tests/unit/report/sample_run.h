// Small, realistic runs for the report tests. sample_run: two artifacts on two required Debian
// kernels and an optional unstable kernel, giving pass, fail, error and skipped targets.
#pragma once

#include "bpfcompat/report/report.h"

namespace bpfcompat::report::testing {

RunReport sample_run();

// A suite run like a user's: four Debian kernels (unstable optional, its boot timed out) × three
// cases (load_attach, load_attach with a manifest fixup, behavior with a functional test), with
// bpf_loop and the functional test failing on Debian 11.
RunReport sample_suite();

// A target with only what exit-code tests need.
TargetReport target(std::string profile, bool required, classify::Status status,
                    std::string code = "");

}  // namespace bpfcompat::report::testing
