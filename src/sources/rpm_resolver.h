// The `kernel: rpm:` source: repomd.xml → primary → kernel rpms, each link verified by the
// checksum the one before names, downloaded into the cache and extracted.
#pragma once

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/sources/cache.h"
#include "bpfcompat/sources/kernel_source.h"
#include "rpm_packages.h"

namespace bpfcompat::sources {

// Resolves the kernel's rpms: the first mirror (of a mirrorlist or metalink) whose repomd.xml
// can be had is used; repomd.xml is cached 6 h (a metalink's is verified by its checksum). When
// the cached repomd.xml (or mirror list, or metalink) was used, a failure past it (a primary or a
// package the mirror no longer serves, or whose checksum no longer matches) is retried once with
// a fresh one; nothing else is retried (a fresh repomd.xml that 404s is one request).
// Checksum mismatches carry IMAGE_CHECKSUM_MISMATCH, transfers DOWNLOAD_FAILED; an absent
// package or an unmatched pin is kInvalidInput.
Result<ResolvedRpmKernel> resolve_rpm_kernel(Cache& cache, const config::RpmSource& source);

// resolve_rpm_kernel, then the rpms downloaded (verified by primary's checksums) and their
// kernel files extracted once into the cache.
Result<PreparedKernel> prepare_rpm_kernel(Cache& cache, const config::RpmSource& source);

}  // namespace bpfcompat::sources
