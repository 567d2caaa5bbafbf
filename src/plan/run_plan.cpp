#include "bpfcompat/plan/run_plan.h"

#include "bpfcompat/plan/planner.h"

namespace bpfcompat::plan {

bool Case::needs_shell() const {
  if (command) return true;
  return mode == config::CaseMode::kBehavior && manifest && !manifest->functional_tests.empty();
}

std::string RunPlan::mode_label() const {
  if (cases.empty()) return config::case_mode_name(config::CaseMode::kLoadAttach);
  for (const auto& c : cases) {
    if (c.mode != cases.front().mode) return "mixed";  // a suite whose cases differ
  }
  return config::case_mode_name(cases.front().mode);
}

std::chrono::seconds RunPlan::boot_budget(const ProfileJob& job, std::chrono::seconds base) const {
  if (job.entry.timeout) return *job.entry.timeout;
  for (std::size_t i : job.cases) {
    const auto& t = cases.at(i).timeout;
    if (t && *t > base) base = *t;
  }
  return base;
}

bool profile_in_shard(std::size_t profile_index, int shard_index, int shard_count) {
  if (shard_count <= 0) return true;
  return static_cast<int>(profile_index % static_cast<std::size_t>(shard_count)) == shard_index - 1;
}

}  // namespace bpfcompat::plan
