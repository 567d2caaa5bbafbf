// profile_in_shard and merge_reports: `--shard I/N` splits the matrix by profile; merging puts
// the shards' profiles back in matrix order and checks that they came from one configuration.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "bpfcompat/report/merge.h"
#include "run_summary.h"

namespace bpfcompat::report {

bool profile_in_shard(std::size_t profile_index, int shard_index, int shard_count) {
  if (shard_count <= 0) return true;
  return static_cast<int>(profile_index % static_cast<std::size_t>(shard_count)) + 1 == shard_index;
}

namespace {

std::string shard_name(const RunReport& r) {
  return fmt::format("shard {}/{} (run {})", r.shard_index, r.shard_count, r.run_id);
}

// The shards indexed 1..N, each exactly once.
Result<std::vector<const RunReport*>> by_index(const std::vector<RunReport>& shards) {
  if (shards.empty()) return invalid_input("no shard reports to merge");
  int n = shards.front().shard_count;
  std::vector<const RunReport*> out(static_cast<std::size_t>(std::max(n, 0)), nullptr);
  for (const auto& r : shards) {
    if (r.shard_count <= 0) {
      return invalid_input(
          fmt::format("run {} is not a shard report (it has no --shard)", r.run_id));
    }
    if (r.shard_count != n || r.shard_index < 1 || r.shard_index > n) {
      return invalid_input(
          fmt::format("{} does not belong to a split into {} shards", shard_name(r), n));
    }
    const RunReport*& slot = out[static_cast<std::size_t>(r.shard_index - 1)];
    if (slot != nullptr) {
      return invalid_input(fmt::format("shard {}/{} is given twice (runs {} and {})", r.shard_index,
                                       n, slot->run_id, r.run_id));
    }
    slot = &r;
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == nullptr) return invalid_input(fmt::format("shard {}/{} is missing", i + 1, n));
  }
  return out;
}

std::vector<std::string> configured_cases(const RunReport& r) {
  std::vector<std::string> names;
  for (const auto& c : r.cases) names.push_back(c.name);
  if (names.empty()) {
    for (const auto& a : r.artifacts) names.push_back(a.name);
  }
  return names;
}

// Same cases, artifacts, mode and matrix as the first shard.
Result<void> same_configuration(const RunReport& first, const RunReport& other) {
  auto a = configured_cases(first);
  auto b = configured_cases(other);
  for (const auto& name : a) {
    if (std::find(b.begin(), b.end(), name) == b.end()) {
      return invalid_input(fmt::format("case '{}' of {} is not in {}: shards of different runs",
                                       name, shard_name(first), shard_name(other)));
    }
  }
  if (a != b) {
    return invalid_input(fmt::format("{} has other cases than {}: {}", shard_name(other),
                                     shard_name(first), fmt::join(b, ", ")));
  }
  for (const auto& art : first.artifacts) {
    for (const auto& o : other.artifacts) {
      if (o.name == art.name && o.sha256 != art.sha256) {
        return invalid_input(
            fmt::format("artifact '{}' differs between {} and {} (sha256 {} vs {})", art.name,
                        shard_name(first), shard_name(other), art.sha256, o.sha256));
      }
    }
  }
  if (first.mode != other.mode || first.matrix_name != other.matrix_name ||
      first.suite_name != other.suite_name) {
    return invalid_input(fmt::format("{} ran another mode, matrix or suite than {}",
                                     shard_name(other), shard_name(first)));
  }
  return {};
}

// Each shard's profiles in order of appearance; a profile in two shards is a duplicate.
Result<std::vector<std::vector<std::string>>> shard_profiles(
    const std::vector<const RunReport*>& shards) {
  std::vector<std::vector<std::string>> out;
  std::map<std::string, const RunReport*> owner;
  for (const auto* r : shards) {
    std::vector<std::string> ids;
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& t : r->targets) {
      if (!seen.insert({t.profile_id, t.artifact}).second) {
        return invalid_input(fmt::format("target {} × {} appears twice in {}", t.profile_id,
                                         t.artifact, shard_name(*r)));
      }
      if (std::find(ids.begin(), ids.end(), t.profile_id) != ids.end()) continue;
      auto [it, fresh] = owner.emplace(t.profile_id, r);
      if (!fresh) {
        return invalid_input(fmt::format("profile '{}' is in both {} and {}", t.profile_id,
                                         shard_name(*it->second), shard_name(*r)));
      }
      ids.push_back(t.profile_id);
    }
    out.push_back(ids);
  }
  return out;
}

}  // namespace

Result<RunReport> merge_reports(const std::vector<RunReport>& shards) {
  auto ordered = by_index(shards);
  if (!ordered) return std::move(ordered).error();
  const RunReport& first = *ordered->front();
  for (const auto* r : *ordered) {
    if (auto same = same_configuration(first, *r); !same) return std::move(same).error();
  }
  auto profiles = shard_profiles(*ordered);
  if (!profiles) return std::move(profiles).error();
  std::size_t n = ordered->size();
  std::size_t total = 0;
  for (const auto& ids : *profiles) total += ids.size();

  RunReport merged = first;
  merged.targets.clear();
  merged.shard_index = 0;
  merged.shard_count = 0;
  for (std::size_t p = 0; p < total; ++p) {
    const auto& ids = (*profiles)[p % n];
    if (p / n >= ids.size()) {
      return invalid_input(fmt::format(
          "{} holds {} profiles, but a split of {} profiles into {} shards gives it more",
          shard_name(*(*ordered)[p % n]), ids.size(), total, n));
    }
    for (const auto& t : (*ordered)[p % n]->targets) {
      if (t.profile_id == ids[p / n]) merged.targets.push_back(t);
    }
  }
  for (const auto* r : *ordered) {
    if (!r->started_at.empty() &&
        (merged.started_at.empty() || r->started_at < merged.started_at)) {
      merged.started_at = r->started_at;
    }
    if (r->finished_at > merged.finished_at) merged.finished_at = r->finished_at;
    merged.interrupted = merged.interrupted || r->interrupted;
    merged.fail_on_stale = merged.fail_on_stale || r->fail_on_stale;  // each shard ran with it
  }
  return merged;
}

}  // namespace bpfcompat::report
