// Pure rpm kernel resolution: from a package name (and an optional VERSION-RELEASE glob) in a
// primary index to the kernel package and the packages of the same build that carry its modules.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/result.h"
#include "rpm_metadata.h"

namespace bpfcompat::sources {

struct ResolvedRpmKernel {
  std::string evr;                // of the kernel package
  std::vector<RpmPackage> rpms;   // the kernel package first
  std::vector<std::string> urls;  // one per rpm: baseurl (or xml:base) + "/" + location
  // Every VERSION-RELEASE of `package` for the arch the index holds, oldest first by rpm's
  // ordering, whatever the pin: what a sweep tries, and the newest for freshness.
  std::vector<std::string> available;
};

// "kernel-core" → "kernel", "kernel-uek-core" → "kernel-uek", "kernel6.12" → itself: the name
// every package of the kernel's family begins with.
std::string rpm_kernel_stem(const std::string& package);

// The newest `package` of `arch` by rpm's ordering (or the newest whose VERSION-RELEASE matches
// source.version, an fnmatch glob), then the packages of the same version and arch in its
// family (<stem>, <stem>-core, <stem>-modules, <stem>-modules-core; stem is the package without
// "-core"): the -modules ones always, the others when one of the chosen requires them
// (kernel → kernel-core; kernel-core → kernel-modules-core-uname-r). An absent package or a
// pin nothing matches is a kInvalidInput error listing what the repository has.
Result<ResolvedRpmKernel> resolve_rpm_packages(const std::vector<RpmPackage>& index,
                                               const config::RpmSource& source,
                                               const std::string& baseurl);

}  // namespace bpfcompat::sources
