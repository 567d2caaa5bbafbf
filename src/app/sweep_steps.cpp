#include "sweep_steps.h"

#include <algorithm>

#include <fmt/format.h>

#include "sweep_candidates.h"

namespace bpfcompat::app {
namespace {

// What decided a verdict, short: its code and the helpers the kernel lacks, if any.
std::string verdict_detail(const report::TargetReport& t) {
  if (t.verdict.code.empty()) return "";
  std::vector<std::string> helpers;
  for (const auto& p : t.programs) {
    for (const auto& h : p.unsupported_helpers) {
      std::string name = h.rfind("bpf_", 0) == 0 ? h : "bpf_" + h;  // the report says "loop"
      if (std::find(helpers.begin(), helpers.end(), name) == helpers.end()) helpers.push_back(name);
    }
  }
  if (helpers.empty()) return t.verdict.code;
  return fmt::format("{} {}", t.verdict.code, fmt::join(helpers, ","));
}

}  // namespace

config::Matrix step_matrix(const config::Profile& profile, const std::vector<std::string>& versions,
                           const std::vector<std::size_t>& indices) {
  config::Matrix m;
  m.name = "sweep-" + profile.id;
  for (std::size_t i : indices) {
    config::MatrixEntry entry;
    entry.profile = pinned_candidate(profile, versions.at(i));
    m.entries.push_back(std::move(entry));
  }
  return m;
}

sweep::TestedVersion tested_from(const report::RunReport& run, const std::string& candidate_id,
                                 const std::string& version) {
  sweep::TestedVersion t;
  t.version = version;
  t.profile_id = candidate_id;
  t.run_id = run.run_id;
  t.run_report = run.run_dir + "/report.json";
  auto target = std::find_if(run.targets.begin(), run.targets.end(),
                             [&](const auto& x) { return x.profile_id == candidate_id; });
  if (target == run.targets.end()) {
    t.verdict = "error";
    t.reason = fmt::format("the run's report has no target {}", candidate_id);
    return t;
  }
  t.verdict = classify::status_name(target->verdict.status);
  t.code = target->verdict.code;
  t.reason = target->verdict.reason;
  t.detail = verdict_detail(*target);
  t.observed_kernel = target->observed_kernel;
  return t;
}

sweep::Probe probe_of(const sweep::TestedVersion& tested, bool interrupted) {
  return {tested.verdict, interrupted || tested.verdict == "error"};
}

SweepSteps::SweepSteps(config::Profile profile, std::vector<std::string> versions,
                       LoadedRequest loaded, RunSettings settings, EventSink& events)
    : profile_(std::move(profile)),
      versions_(std::move(versions)),
      loaded_(std::move(loaded)),
      settings_(std::move(settings)),
      events_(events) {}

Result<std::vector<sweep::Probe>> SweepSteps::run(const std::vector<std::size_t>& indices) {
  ++step_;
  std::vector<std::string> names;
  for (std::size_t i : indices) names.push_back(versions_.at(i));
  events_.on_event(
      {EventKind::kSweepStep, "", fmt::format("step {}: {}", step_, fmt::join(names, ", "))});
  LoadedRequest step = loaded_;
  step.inputs.matrices = {step_matrix(profile_, versions_, indices)};
  for (auto& c : step.inputs.cases) c.matrix = 0;
  auto outcome = run_loaded(step, settings_, events_);
  if (!outcome) {
    if (!first_error_) first_error_ = outcome.error();
    return std::move(outcome).error();
  }
  run_reports_.push_back(outcome->report_json_path);
  std::vector<sweep::Probe> probes;
  for (std::size_t i : indices) {
    sweep::TestedVersion t =
        tested_from(outcome->report, pinned_candidate(profile_, versions_[i]).id, versions_[i]);
    t.step = step_;
    probes.push_back(probe_of(t, outcome->report.interrupted));
    events_.on_event({EventKind::kSweepStep, t.profile_id,
                      fmt::format("{}{}", t.verdict, t.detail.empty() ? "" : " " + t.detail)});
    tested_[i] = std::move(t);
  }
  return probes;
}

}  // namespace bpfcompat::app
