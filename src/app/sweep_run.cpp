// app::sweep: the candidates of a profile's index → bisection (or every candidate) → the sweep
// report. Each step is run_loaded on a matrix of the step's pinned candidates.
#include <filesystem>

#include <fmt/format.h>

#include "bpfcompat/app/matrices.h"
#include "bpfcompat/app/sweep.h"
#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/exit_codes.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/sources/cache.h"
#include "bpfcompat/sources/kernel_source.h"
#include "bpfcompat/sweep/bisect.h"
#include "plan_loader.h"
#include "run_identity.h"
#include "sweep_candidates.h"
#include "sweep_steps.h"

namespace bpfcompat::app {
namespace {

namespace fs = std::filesystem;

// Why there is no answer: the first candidate whose verdict was an ERROR, or the failed step.
std::string no_answer_reason(const sweep::SweepResult& result, const SweepSteps& steps) {
  if (!result.errors.empty()) {
    const sweep::TestedVersion& t = steps.tested_at(result.errors.front());
    return fmt::format(
        "{} ended in ERROR{}{}: a machine problem, not the object's verdict, so it is no "
        "verdict change; the sweep stopped (evidence: {})",
        t.version, t.code.empty() ? "" : " " + t.code, t.reason.empty() ? "" : " — " + t.reason,
        t.run_report);
  }
  return result.failure;
}

int sweep_exit_code(const sweep::SweepResult& result, bool interrupted) {
  if (interrupted) return kExitInterrupted;
  return result.finding == sweep::Finding::kError ? kExitInfrastructure : kExitOk;
}

void fill_result(sweep::SweepReport& rep, const sweep::SweepResult& result,
                 const SweepSteps& steps) {
  const auto& versions = rep.candidates;
  for (const auto& [index, probe] : result.probes) rep.tested.push_back(steps.tested_at(index));
  rep.boots = static_cast<int>(result.boots());
  rep.finding = sweep::finding_name(result.finding);
  for (const auto& c : result.changes)
    rep.changes.push_back({versions[c.before], versions[c.after]});
  rep.interrupted = cancelled();
  if (result.finding == sweep::Finding::kError) rep.error = no_answer_reason(result, steps);
  rep.exit_code = sweep_exit_code(result, rep.interrupted);
  rep.summary = sweep::summarize(rep);
}

sweep::SweepReport report_header(const SweepRequest& request, const config::Profile& profile,
                                 const std::string& workdir) {
  sweep::SweepReport rep;
  rep.sweep_id = new_run_id();
  rep.started_at = utc_now_rfc3339();
  rep.tool_version = BPFCOMPAT_VERSION;
  rep.sweep_dir = fs::absolute(fs::path(workdir) / "sweeps" / rep.sweep_id).lexically_normal();
  rep.profile_id = profile.id;
  rep.profile_origin = profile.origin;
  rep.kernel_source = profile.kernel.describe();
  rep.manifest = request.manifest;
  rep.strategy = request.all ? "all" : "bisect";
  rep.from = request.from;
  rep.to = request.to;
  return rep;
}

}  // namespace

Result<SweepOutcome> sweep(const SweepRequest& request, const RunSettings& given,
                           EventSink& events) {
  // Every problem of the profile, the object and the manifest at once, before the index is read.
  auto profile = resolve_sweep_profile(request.profile, given.exe_path);
  plan::PlanRequest object;
  object.artifacts = {request.artifact};
  object.manifest = request.manifest;
  object.mode = request.mode;
  auto loaded = load_request(object, shipped_profile_catalog(given.exe_path));
  if (!loaded) return std::move(loaded).error();
  auto checked = plan_request(*loaded);
  if (!profile || !checked) {
    std::vector<Error> problems;
    if (!profile) problems.push_back(std::move(profile).error());
    if (!checked) problems.push_back(std::move(checked).error());
    return combine_errors(std::move(problems));
  }

  sources::Cache cache(given.cache_dir.empty() ? sources::Cache::default_root() : given.cache_dir);
  auto available = sources::available_kernel_versions(cache, *profile);
  if (!available) return std::move(available).error();
  auto candidates = versions_in_range(profile->kernel, *available, request.from, request.to);
  if (!candidates) return std::move(candidates).error();

  sweep::SweepReport rep = report_header(request, *profile, given.workdir.value_or(".bpfcompat"));
  rep.available = *available;
  rep.candidates = *candidates;
  for (const auto& c : loaded->inputs.cases) {
    if (c.artifact) rep.artifacts.push_back(c.artifact->path);
  }
  RunSettings settings = given;
  settings.workdir = rep.sweep_dir;
  SweepSteps steps(*profile, rep.candidates, *loaded, settings, events);
  sweep::ProbeBatch probe = [&](const std::vector<std::size_t>& indices) {
    return steps.run(indices);
  };
  events.on_event({EventKind::kSweepStep, "",
                   fmt::format("{}: {} candidate versions of {} ({}), {}", rep.sweep_dir,
                               rep.candidates.size(), profile->id, rep.kernel_source,
                               request.all ? "every one booted" : "bisecting")});
  sweep::SweepResult result = request.all ? sweep::sweep_all(rep.candidates.size(), probe)
                                          : sweep::bisect(rep.candidates.size(), probe);
  // A step that could not run before anything booted is that step's error, as `test` gives it.
  if (result.probes.empty() && steps.first_error()) return *steps.first_error();
  fill_result(rep, result, steps);
  rep.runs = steps.run_reports();
  rep.finished_at = utc_now_rfc3339();
  SweepOutcome outcome;
  outcome.json_path = rep.sweep_dir + "/sweep.json";
  outcome.exit_code = rep.exit_code;
  if (auto w = write_file_atomic(outcome.json_path, sweep::to_json(rep)); !w) {
    return std::move(w).error();
  }
  outcome.report = std::move(rep);
  return outcome;
}

}  // namespace bpfcompat::app
