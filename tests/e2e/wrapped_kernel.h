// The preamble of the e2e tests that boot the debian-12 kernel wrapped in another distribution's
// packaging (rpm-md layouts, Ubuntu's apt layout) or run example objects on a matrix of their
// own: the kernel tree to wrap, where fixtures built around it are cached, and one
// `bpfcompat test` on a matrix file.
#pragma once

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report_json.h"
#include "support/run_bpfcompat.h"
#include "support/test_kernel.h"

namespace bpfcompat::testing {

// Where fixtures built from real kernels are cached across build trees:
// $BPFCOMPAT_FIXTURE_CACHE, else $XDG_CACHE_HOME/bpfcompat/fixtures (~/.cache/bpfcompat/fixtures).
inline std::string fixture_root() {
  if (const char* env = std::getenv("BPFCOMPAT_FIXTURE_CACHE"); env && *env) return env;
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  std::string cache = xdg && *xdg ? xdg : std::string(home ? home : "/tmp") + "/.cache";
  return cache + "/bpfcompat/fixtures";
}

// A real kernel tree: <tree>/boot/vmlinuz-<release> beside <tree>/lib/modules/<release>.
struct KernelToWrap {
  std::string vmlinuz;
  std::string tree;
  std::string modules_dir;
  std::string release;
  std::string why_missing;  // set when there is none (no network and no cache)
};

// The kernel of test_kernel() (support/test_kernel.h: $BPFCOMPAT_TEST_KERNEL or the built-in
// debian-12 profile's, fetched into the default cache once) and its tree.
inline KernelToWrap kernel_to_wrap() {
  namespace fs = std::filesystem;
  KernelToWrap k;
  k.vmlinuz = test_kernel(&k.why_missing);
  if (k.vmlinuz.empty()) return k;
  const std::string name = fs::path(k.vmlinuz).filename().string();
  k.release = name.rfind("vmlinuz-", 0) == 0 ? name.substr(8) : std::string();
  k.tree = fs::path(k.vmlinuz).parent_path().parent_path().string();
  k.modules_dir = k.tree + "/lib/modules/" + k.release;
  if (k.release.empty() || !fs::is_directory(k.modules_dir)) {
    k.why_missing = "no boot/vmlinuz-<release> beside lib/modules/<release>: " + k.vmlinuz;
  }
  return k;
}

struct MatrixRun {
  CliRun run;
  nlohmann::json report;  // null: no report written
};

// Writes `matrix` to <dir>/<name>.yaml and runs `bpfcompat test` on it with --out
// <dir>/<name>.json, --workdir <dir>/work-<name>, one --artifact per example object (files of
// EXAMPLES_BUILD_DIR), then `extra`.
inline MatrixRun run_examples_on_matrix(const std::string& dir, const std::string& name,
                                        const std::string& matrix,
                                        const std::vector<std::string>& artifacts,
                                        std::chrono::minutes timeout,
                                        const std::vector<std::string>& extra = {}) {
  std::ofstream(dir + "/" + name + ".yaml") << matrix;
  std::vector<std::string> args = {"test",
                                   "--matrix",
                                   dir + "/" + name + ".yaml",
                                   "--out",
                                   dir + "/" + name + ".json",
                                   "--workdir",
                                   dir + "/work-" + name};
  for (const auto& a : artifacts) {
    args.insert(args.end(), {"--artifact", std::string(EXAMPLES_BUILD_DIR) + "/" + a});
  }
  args.insert(args.end(), extra.begin(), extra.end());
  MatrixRun out;
  out.run = run_bpfcompat(args, timeout);
  out.report = load_json(dir + "/" + name + ".json");
  return out;
}

}  // namespace bpfcompat::testing
