// Which candidate kernels to boot to find where a verdict changes: endpoints first, then halving
// (a bisection assumes one monotonic change), or every candidate. Pure: a candidate's verdict
// comes through the caller's callback, which may boot a batch of candidates in parallel.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "bpfcompat/core/result.h"

namespace bpfcompat::sweep {

// One candidate's outcome as the sweep compares them.
struct Probe {
  std::string verdict;  // compared as written: "pass", "fail", "skipped"
  bool error = false;   // an ERROR verdict or an interrupted boot: never a verdict change
};

// Boots the candidates at `indices` (ascending) and returns their probes in the same order. An
// error means the step could not run at all (nothing to judge).
using ProbeBatch = std::function<Result<std::vector<Probe>>(const std::vector<std::size_t>&)>;

enum class Finding {
  kBoundary,  // one change: the last candidate with the first verdict, the first with the other
  kNoChange,  // every tested candidate has the same verdict
  kSeveralChanges,  // more than one change seen (a bisection saw a third verdict; --all saw them)
  kError,           // a candidate's probe was an error, or a step could not run: no answer
};
const char* finding_name(Finding finding);  // "boundary", "no_change", "several_changes", "error"

// A change between two tested candidates with nothing tested between them (adjacent after a
// finished bisection or with --all).
struct Change {
  std::size_t before = 0;  // last candidate with the old verdict
  std::size_t after = 0;   // first candidate with the new verdict
};

struct SweepResult {
  Finding finding = Finding::kError;
  std::vector<Change> changes;                  // oldest first; one for kBoundary
  std::map<std::size_t, Probe> probes;          // every tested candidate, by index
  std::vector<std::vector<std::size_t>> steps;  // the batches asked for, in order
  std::vector<std::size_t> errors;              // candidates whose probe was an error
  std::string failure;                          // why a step could not run (kError), else ""
  std::size_t boots() const { return probes.size(); }
};

// Endpoints first in one batch (one boot when count is 1): if they agree, kNoChange after two
// boots; else one candidate per step, halving the range, ⌈log2(count-1)⌉ more boots. Stops at
// the first error, and at a verdict matching neither endpoint (kSeveralChanges).
SweepResult bisect(std::size_t count, const ProbeBatch& probe);

// Every candidate in one batch; every change between consecutive non-error candidates.
// kError when any probe was an error (the changes among the others are still listed).
SweepResult sweep_all(std::size_t count, const ProbeBatch& probe);

// The changes between consecutive tested candidates that are not errors, oldest first.
std::vector<Change> changes_between(const std::map<std::size_t, Probe>& probes);

}  // namespace bpfcompat::sweep
