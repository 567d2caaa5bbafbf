// Test support: a real Debian kernel to boot — $BPFCOMPAT_TEST_KERNEL, or the built-in debian-12
// profile's kernel, fetched into the default cache (downloaded once, reused afterwards).
#pragma once

#include <cstdlib>
#include <string>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/sources/kernel_source.h"

namespace bpfcompat::testing {

// Empty string and a reason in *why when no kernel can be had (no network, no cache).
inline std::string test_kernel(std::string* why) {
  const char* env = std::getenv("BPFCOMPAT_TEST_KERNEL");
  if (env != nullptr && *env != '\0') return env;
  sources::Cache cache(sources::Cache::default_root());
  auto profile = config::find_builtin_profile("debian-12");
  if (!profile) {
    *why = "no built-in debian-12 profile";
    return {};
  }
  auto kernel = sources::prepare_kernel(cache, *profile);
  if (!kernel) {
    *why = "cannot fetch the debian-12 kernel: " + kernel.error().describe();
    return {};
  }
  return kernel->vmlinuz;
}

}  // namespace bpfcompat::testing
