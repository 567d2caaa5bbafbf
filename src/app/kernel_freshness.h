// Whether a prepared kernel is the newest build its profile's index offers (report::Freshness).
#pragma once

#include <optional>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/report/report.h"
#include "bpfcompat/sources/kernel_source.h"

namespace bpfcompat::app {

// None for sources without an index (local, package URL): their newest_version is "". Pinned is
// an apt or rpm `version`; stale is pinned with a newer build offered, in the source's ordering.
std::optional<report::Freshness> kernel_freshness(const config::KernelSource& source,
                                                  const sources::PreparedKernel& kernel);

}  // namespace bpfcompat::app
