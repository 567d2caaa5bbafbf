// Test support: loopback rpm-md repositories in the vendors' kernel layouts, built once by
// tests/fixtures/build-rpm-repos (rpmbuild + createrepo_c) around a given kernel.
#pragma once

#include <string>

#include "bpfcompat/core/subprocess.h"

namespace bpfcompat::testing {

struct RpmFixtureKernel {
  std::string vmlinuz;
  std::string modules_dir;  // lib/modules/<release>
  std::string versions;     // VERSION-RELEASEs of the EL9 kernel, space-separated
  std::string module_dirs;  // subdirectories of modules_dir to ship, space-separated
  std::string layouts = "el9 el8 al2 suse";
};

// Builds (or finds) the repositories of k.layouts under `out` (el9/, el8/, al2/, suse/). Empty
// string and the script's output in *why on failure.
inline std::string build_rpm_repos(const RpmFixtureKernel& k, const std::string& out,
                                   std::string* why) {
  std::string script = std::string(BPFCOMPAT_SOURCE_DIR) + "/tests/fixtures/build-rpm-repos";
  auto run = run_captured(
      {script, "--out", out, "--vmlinuz", k.vmlinuz, "--modules", k.modules_dir, "--versions",
       k.versions, "--module-dirs", k.module_dirs, "--layouts", k.layouts},
      std::chrono::minutes(10));
  if (!run) {
    *why = run.error().describe();
    return {};
  }
  if (run->status.code != 0) {
    *why = "build-rpm-repos failed: " + run->output;
    return {};
  }
  return out;
}

}  // namespace bpfcompat::testing
