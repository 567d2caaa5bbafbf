#include "kernel_freshness.h"

namespace bpfcompat::app {

std::optional<report::Freshness> kernel_freshness(const config::KernelSource& source,
                                                  const sources::PreparedKernel& kernel) {
  if (kernel.newest_version.empty() || kernel.package_version.empty()) return std::nullopt;
  report::Freshness f;
  f.newest_version = kernel.newest_version;
  f.latest =
      sources::compare_kernel_versions(source, kernel.package_version, kernel.newest_version) >= 0;
  f.pinned =
      (source.apt && !source.apt->version.empty()) || (source.rpm && !source.rpm->version.empty());
  f.stale = f.pinned && !f.latest;
  return f;
}

}  // namespace bpfcompat::app
