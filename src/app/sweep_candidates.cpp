#include "sweep_candidates.h"

#include <filesystem>

#include <fmt/format.h>

#include "bpfcompat/app/matrices.h"
#include "bpfcompat/config/matrix_catalog.h"
#include "bpfcompat/config/profile.h"
#include "bpfcompat/sources/kernel_source.h"

namespace bpfcompat::app {
namespace {

namespace fs = std::filesystem;

Result<config::Profile> find_profile(const std::string& value, const std::string& exe_path) {
  std::error_code ec;
  if (fs::is_regular_file(value, ec) || !config::is_matrix_name(value)) {
    return config::load_profile(value);
  }
  auto found = config::find_profile(value, shipped_profile_catalog(exe_path));
  if (!found) return invalid_input("--profile: " + found.error().message, found.error().hint);
  return found;
}

}  // namespace

Result<config::Profile> resolve_sweep_profile(const std::string& value,
                                              const std::string& exe_path) {
  auto profile = find_profile(value, exe_path);
  if (!profile) return std::move(profile).error();
  if (profile->lane != config::Lane::kKernel || !(profile->kernel.apt || profile->kernel.rpm)) {
    std::string what = profile->lane != config::Lane::kKernel
                           ? fmt::format("a {} profile", config::lane_name(profile->lane))
                           : profile->kernel.describe();
    return invalid_input(
        fmt::format("--profile {}: a sweep needs a kernel from an apt or rpm repository, and this "
                    "is {}",
                    value, what),
        "sweep a kernel-lane profile whose kernel: has apt: or rpm: (its index lists the "
        "versions); test other profiles with bpfcompat test");
  }
  return profile;
}

Result<std::vector<std::string>> versions_in_range(const config::KernelSource& source,
                                                   const std::vector<std::string>& available,
                                                   const std::string& from, const std::string& to) {
  std::vector<std::string> out;
  for (const auto& v : available) {
    if (!from.empty() && sources::compare_kernel_versions(source, v, from) < 0) continue;
    if (!to.empty() && sources::compare_kernel_versions(source, v, to) > 0) continue;
    out.push_back(v);
  }
  if (!out.empty()) return out;
  std::string range =
      fmt::format("{} … {}", from.empty() ? "oldest" : from, to.empty() ? "newest" : to);
  if (available.empty()) {
    return invalid_input(
        fmt::format("{} offers no version of its kernel package", source.describe()),
        "check the profile's repo and package");
  }
  return invalid_input(
      fmt::format("no version of {} lies within --from/--to ({}); the index offers {}",
                  source.describe(), range, fmt::join(available, ", ")),
      "pick --from and --to among the versions listed, or drop them to sweep every version");
}

config::Profile pinned_candidate(const config::Profile& profile, const std::string& version) {
  config::Profile p = profile;
  p.id = fmt::format("{}@{}", profile.id, version);
  if (p.kernel.apt) p.kernel.apt->version = version;
  if (p.kernel.rpm) p.kernel.rpm->version = version;
  return p;
}

}  // namespace bpfcompat::app
