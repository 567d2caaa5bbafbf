// Pure apt kernel resolution: from a requested package (usually a meta package) to the versioned
// image package and the linux-* packages it depends on that may carry the kernel or its modules.
#pragma once

#include <string>
#include <vector>

#include "apt_index.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/sources/kernel_source.h"

namespace bpfcompat::sources {

// Meta packages (whose Depends name another linux-image-* package) are followed to the newest
// matching versioned image; that image and its transitive linux-* Depends become the debs, image
// first. Generic helpers (linux-base, firmware, headers, tools) are not followed. URLs are
// repo + "/" + Filename. An absent package is a kInvalidInput error naming it.
Result<ResolvedKernel> resolve_kernel_packages(const std::vector<AptPackage>& index,
                                               const std::string& package, const std::string& repo);

}  // namespace bpfcompat::sources
