// Stale pins: profiles pinned to a kernel build older than the newest their index offers, and
// the sentence every output uses for them.
#include <algorithm>

#include <fmt/format.h>

#include "bpfcompat/report/report.h"
#include "run_summary.h"

namespace bpfcompat::report {

std::vector<StaleProfile> stale_profiles(const RunReport& report) {
  std::vector<StaleProfile> out;
  for (const auto& t : report.targets) {
    if (!t.freshness || !t.freshness->stale) continue;
    bool seen = std::any_of(out.begin(), out.end(),
                            [&](const StaleProfile& p) { return p.id == t.profile_id; });
    if (!seen) {
      out.push_back(
          {t.profile_id, t.required, t.kernel_package_version, t.freshness->newest_version});
    }
  }
  return out;
}

std::string stale_sentence(const StaleProfile& p) {
  return fmt::format("{} is pinned to {}; the index has {}", p.id,
                     p.tested.empty() ? "an older build" : p.tested, p.newest);
}

bool stale_gate(const RunReport& report) {
  if (!report.fail_on_stale) return false;
  auto stale = stale_profiles(report);
  return std::any_of(stale.begin(), stale.end(), [](const StaleProfile& p) { return p.required; });
}

}  // namespace bpfcompat::report
