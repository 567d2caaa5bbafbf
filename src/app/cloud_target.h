// One cloud-image profile of a run: prepare the image, boot it once as a disposable VM for all
// cases (retrying an infrastructure failure once), judge them like the kernel lane.
#pragma once

#include <vector>

#include "bpfcompat/report/report.h"
#include "target_context.h"

namespace bpfcompat::app {

// One TargetReport per case, in case order. Never throws; failures become verdicts.
// ctx.client_key must be set. ctx.timeout (or the entry's) bounds the whole target after the
// image is prepared, both attempts included.
std::vector<report::TargetReport> run_cloud_target(const TargetContext& ctx);

}  // namespace bpfcompat::app
