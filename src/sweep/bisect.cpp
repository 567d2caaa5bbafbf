#include "bpfcompat/sweep/bisect.h"

namespace bpfcompat::sweep {
namespace {

// Runs one step and records its probes; false when the sweep must stop (an error).
bool run_step(const std::vector<std::size_t>& indices, const ProbeBatch& probe,
              SweepResult& result) {
  result.steps.push_back(indices);
  auto probes = probe(indices);
  if (!probes) {
    result.failure = probes.error().describe();
    return false;
  }
  if (probes->size() != indices.size()) {
    result.failure = "the step returned a verdict count unlike the candidates it was given";
    return false;
  }
  bool ok = true;
  for (std::size_t i = 0; i < indices.size(); ++i) {
    result.probes[indices[i]] = (*probes)[i];
    if ((*probes)[i].error) {
      result.errors.push_back(indices[i]);
      ok = false;
    }
  }
  return ok;
}

Finding finding_of(const std::vector<Change>& changes) {
  if (changes.empty()) return Finding::kNoChange;
  return changes.size() == 1 ? Finding::kBoundary : Finding::kSeveralChanges;
}

SweepResult stopped(SweepResult result) {
  result.finding = Finding::kError;
  result.changes = changes_between(result.probes);
  return result;
}

}  // namespace

const char* finding_name(Finding finding) {
  switch (finding) {
    case Finding::kBoundary:
      return "boundary";
    case Finding::kNoChange:
      return "no_change";
    case Finding::kSeveralChanges:
      return "several_changes";
    case Finding::kError:
      break;
  }
  return "error";
}

std::vector<Change> changes_between(const std::map<std::size_t, Probe>& probes) {
  std::vector<Change> changes;
  const std::pair<const std::size_t, Probe>* previous = nullptr;
  for (const auto& entry : probes) {
    if (entry.second.error) continue;
    if (previous && previous->second.verdict != entry.second.verdict) {
      changes.push_back({previous->first, entry.first});
    }
    previous = &entry;
  }
  return changes;
}

SweepResult bisect(std::size_t count, const ProbeBatch& probe) {
  SweepResult result;
  if (count == 0) {
    result.failure = "no candidate versions to test";
    return result;
  }
  std::size_t lo = 0;
  std::size_t hi = count - 1;
  if (!run_step(lo == hi ? std::vector<std::size_t>{lo} : std::vector<std::size_t>{lo, hi}, probe,
                result)) {
    return stopped(std::move(result));
  }
  const std::string first = result.probes[lo].verdict;
  const std::string last = result.probes[hi].verdict;
  while (first != last && hi - lo > 1) {
    std::size_t mid = lo + (hi - lo) / 2;
    if (!run_step({mid}, probe, result)) return stopped(std::move(result));
    const std::string& seen = result.probes[mid].verdict;
    if (seen == first) {
      lo = mid;
    } else if (seen == last) {
      hi = mid;
    } else {
      break;  // a third verdict: the change is not monotonic, bisection cannot go on
    }
  }
  result.changes = changes_between(result.probes);
  result.finding = finding_of(result.changes);
  return result;
}

SweepResult sweep_all(std::size_t count, const ProbeBatch& probe) {
  SweepResult result;
  if (count == 0) {
    result.failure = "no candidate versions to test";
    return result;
  }
  std::vector<std::size_t> every(count);
  for (std::size_t i = 0; i < count; ++i) every[i] = i;
  if (!run_step(every, probe, result)) return stopped(std::move(result));
  result.changes = changes_between(result.probes);
  result.finding = finding_of(result.changes);
  return result;
}

}  // namespace bpfcompat::sweep
