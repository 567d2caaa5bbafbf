// Pure apt kernel resolution: from a requested package (usually a meta package) to the versioned
// image package and the linux-* packages it depends on that may carry the kernel or its modules.
#pragma once

#include <string>
#include <vector>

#include "apt_index.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/sources/kernel_source.h"

namespace bpfcompat::sources {

// Error::code of a package no suite holds, or a version pin that matches no image.
inline constexpr const char* kKernelUnavailable = "KERNEL_UNAVAILABLE";

struct KernelQuery {
  std::string package;      // a meta package or a versioned image package
  std::string repo;         // URLs are repo + "/" + Filename
  std::string version_pin;  // a glob (fnmatch) on the image package's version; empty: newest
  std::string where;        // "jammy, jammy-updates (main, restricted)", for error messages
};

// Every stanza of the package (the index may merge several suites) is followed, meta packages
// (whose Depends name another linux-image-* package, signed or -unsigned-) to their versioned
// image; without a pin the newest of those wins, with one the newest matching image among all the
// index's images of the same kind, upstream line and flavour (ResolvedKernel::available). That
// image and its transitive linux-* Depends become the debs, image first, then
// linux-modules-extra-VER-FLAVOUR of the same version when the index has it (Ubuntu keeps most
// modules there). Generic helpers (linux-base, firmware, headers, tools) are not followed. An
// absent package or a pin that matches nothing is a kInvalidInput error (code KERNEL_UNAVAILABLE)
// naming it and, for a pin, the versions there are.
Result<ResolvedKernel> resolve_kernel_packages(const std::vector<AptPackage>& index,
                                               const KernelQuery& query);

// The old form: newest image of `package`, no pin.
Result<ResolvedKernel> resolve_kernel_packages(const std::vector<AptPackage>& index,
                                               const std::string& package, const std::string& repo);

}  // namespace bpfcompat::sources
