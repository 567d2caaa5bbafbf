// One target: a profile's one boot for all its cases, through its lane. Owns what every lane
// shares: cancellation, one retry of a failed preparation and of a failed boot, stage timing,
// progress events, the work directory, and judging the result.
#pragma once

#include <vector>

#include "bpfcompat/report/report.h"
#include "lane.h"

namespace bpfcompat::app {

// One TargetReport per case, in case order. Never throws; failures become verdicts.
std::vector<report::TargetReport> run_target(Lane& lane, const TargetContext& ctx);

}  // namespace bpfcompat::app
