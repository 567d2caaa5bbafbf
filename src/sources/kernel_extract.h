// Extracting a kernel's packages (.deb or .rpm) into the cache once: <kernels>/<key>/tree is
// written under a temporary name and renamed into place, so it is whole or absent.
#pragma once

#include <string>
#include <vector>

#include "archive_reader.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/sources/cache.h"
#include "kernel_tree.h"

namespace bpfcompat::sources {

using PackageExtractor = Result<void> (*)(const std::string& package, const std::string& dest_dir,
                                          const DebPathFilter& filter);

// Extracts the kernel files of `packages` (kernel_path_filter) into <kernels>/<key>/tree once,
// under a lock; later calls reuse it. An extraction holding no kernel image is an error and
// leaves nothing behind.
Result<KernelTree> extract_kernel_packages(Cache& cache, const std::vector<std::string>& packages,
                                           const std::string& key, PackageExtractor extract);

}  // namespace bpfcompat::sources
