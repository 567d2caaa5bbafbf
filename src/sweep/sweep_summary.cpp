// The one-line answer of a sweep.
#include <fmt/format.h>

#include "bpfcompat/sweep/sweep_report.h"

namespace bpfcompat::sweep {
namespace {

// "loads", "fails (UNSUPPORTED_HELPER bpf_loop)", "is skipped": a verdict as a verb.
std::string verb(const TestedVersion& t, bool with_detail) {
  std::string v = t.verdict == "pass"   ? "loads"
                  : t.verdict == "fail" ? "fails"
                                        : fmt::format("is {}", t.verdict);
  if (with_detail && !t.detail.empty()) v += fmt::format(" ({})", t.detail);
  return v;
}

std::string describe_change(const SweepReport& r, const VersionChange& c) {
  const TestedVersion* before = find_tested(r, c.before);
  const TestedVersion* after = find_tested(r, c.after);
  if (!before || !after) return fmt::format("{} → {}", c.before, c.after);
  if (before->verdict == "fail" && after->verdict == "pass") {
    return fmt::format("loads from {} on; fails on {} and older{}", c.after, c.before,
                       before->detail.empty() ? "" : fmt::format(" ({})", before->detail));
  }
  if (before->verdict == "pass" && after->verdict == "fail") {
    return fmt::format("fails from {} on{}; loads on {} and older", c.after,
                       after->detail.empty() ? "" : fmt::format(" ({})", after->detail), c.before);
  }
  return fmt::format("{} on {}; {} from {} on", verb(*before, true), c.before, verb(*after, true),
                     c.after);
}

std::string no_change(const SweepReport& r) {
  if (r.tested.size() == 1) {
    return fmt::format("{} on {}, the only candidate", verb(r.tested.front(), true),
                       r.tested.front().version);
  }
  const TestedVersion& first = r.tested.front();
  const TestedVersion& last = r.tested.back();
  std::string text = fmt::format("no change between {} and {}: {} on both", first.version,
                                 last.version, verb(first, true));
  if (r.strategy == "bisect" && r.candidates.size() > 2) {
    text += " (a bisection tests the ends only when they agree; --all tests every version)";
  }
  return text;
}

// "fails on A (CODE), loads on B": one change among several, neither side open-ended.
std::string between(const SweepReport& r, const VersionChange& c) {
  const TestedVersion* before = find_tested(r, c.before);
  const TestedVersion* after = find_tested(r, c.after);
  if (!before || !after) return fmt::format("{} → {}", c.before, c.after);
  return fmt::format("{} on {}, {} on {}", verb(*before, true), c.before, verb(*after, true),
                     c.after);
}

std::string several(const SweepReport& r) {
  std::string text = "more than one change:";
  for (std::size_t i = 0; i < r.changes.size(); ++i) {
    text += fmt::format("{} {}", i ? ";" : "", between(r, r.changes[i]));
  }
  if (r.strategy == "bisect")
    text += " (a bisection assumes one change; --all tests every version)";
  return text;
}

}  // namespace

const TestedVersion* find_tested(const SweepReport& report, const std::string& version) {
  for (const auto& t : report.tested) {
    if (t.version == version) return &t;
  }
  return nullptr;
}

std::string summarize(const SweepReport& r) {
  if (r.finding == "boundary" && r.changes.size() == 1) return describe_change(r, r.changes[0]);
  if (r.finding == "no_change" && !r.tested.empty()) return no_change(r);
  if (r.finding == "several_changes") return several(r);
  if (r.interrupted) return "interrupted: no answer";
  return r.error.empty() ? std::string("no answer") : "no answer: " + r.error;
}

}  // namespace bpfcompat::sweep
