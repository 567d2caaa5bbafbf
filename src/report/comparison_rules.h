// What compare_reports and its renderings share: which target diffs gate.
#pragma once

#include "bpfcompat/report/compare.h"

namespace bpfcompat::report {

// A required target that went from pass to fail or error, or a required target that disappeared.
bool is_required_regression(const TargetDiff& d);

}  // namespace bpfcompat::report
