// A target's kernel against its profile's index: is the tested build the newest one offered?
#pragma once

#include <string>

namespace bpfcompat::report {

// Whether a kernel-lane profile with an apt or rpm source tested the newest build its index
// offers. Versions compare in the source's own order (dpkg's, rpm's).
struct Freshness {
  std::string newest_version;  // the newest version of the profile's package, the pin ignored
  bool latest = false;         // the tested kernel_package_version is that newest one
  bool pinned = false;         // the profile pins a `version`
  bool stale = false;          // pinned, and the index has a newer build
};

}  // namespace bpfcompat::report
