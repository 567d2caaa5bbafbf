// make_plan: cases in request order, each on its matrix; one job per distinct profile.
#include "bpfcompat/plan/planner.h"

#include <algorithm>

#include <fmt/format.h>

#include "plan_rules.h"

namespace bpfcompat::plan {
namespace {

// Adds an artifact to the run's list (once per path) and returns it with its unique name.
Artifact add_artifact(RunPlan& plan, const Artifact& artifact) {
  for (const auto& a : plan.artifacts) {
    if (a.path == artifact.path) return a;
  }
  Artifact out = artifact;
  for (int n = 2; std::any_of(plan.artifacts.begin(), plan.artifacts.end(),
                              [&](const auto& a) { return a.name == out.name; });
       ++n) {
    out.name = fmt::format("{}#{}", artifact.name, n);
  }
  plan.artifacts.push_back(out);
  return out;
}

void add_job_cases(RunPlan& plan, const config::Matrix& matrix, std::size_t case_index) {
  for (const auto& e : matrix.entries) {
    auto job = std::find_if(plan.jobs.begin(), plan.jobs.end(),
                            [&](const auto& j) { return j.entry.profile.id == e.profile.id; });
    if (job == plan.jobs.end()) {
      plan.jobs.push_back({e, {}});
      job = plan.jobs.end() - 1;
    }
    job->entry.required = job->entry.required || e.required;
    if (e.timeout && (!job->entry.timeout || *e.timeout > *job->entry.timeout)) {
      job->entry.timeout = e.timeout;
    }
    job->cases.push_back(case_index);
  }
}

Case make_case(RunPlan& plan, const CaseSpec& spec, const config::Matrix& matrix,
               std::optional<config::CaseMode> override) {
  Case c;
  c.manifest = spec.manifest;
  c.command = spec.command;
  c.mode = resolve_mode(spec, override);
  c.matrix_name = matrix.name;
  c.timeout = spec.timeout;
  if (spec.artifact) c.artifact = add_artifact(plan, *spec.artifact);
  // A command case is named after its loader (the thing under test), an object case after the
  // object; a suite case's own name wins over both.
  c.name = spec.name;
  if (c.name.empty() && c.command && !c.command->binary_name.empty()) {
    c.name = c.command->binary_name;
  }
  if (c.name.empty() && c.artifact) c.name = c.artifact->name;
  if (c.name.empty()) c.name = "command";
  return c;
}

}  // namespace

config::CaseMode resolve_mode(const CaseSpec& spec, std::optional<config::CaseMode> override) {
  if (spec.command) return config::CaseMode::kCommand;
  if (override) return *override;
  if (spec.mode) return *spec.mode;
  bool has_tests = spec.manifest && !spec.manifest->functional_tests.empty();
  return has_tests ? config::CaseMode::kBehavior : config::CaseMode::kLoadAttach;
}

Result<RunPlan> make_plan(const PlanInputs& inputs) {
  std::vector<Error> problems = check_inputs(inputs);
  if (!problems.empty()) return combine_errors(std::move(problems));
  RunPlan plan;
  if (!inputs.matrices.empty()) {
    plan.matrix_name = inputs.matrices.front().name;
    plan.matrix_path = inputs.matrices.front().path;
  }
  for (const auto& spec : inputs.cases) {
    const config::Matrix& matrix = inputs.matrices.at(spec.matrix);
    plan.cases.push_back(make_case(plan, spec, matrix, inputs.mode_override));
    add_job_cases(plan, matrix, plan.cases.size() - 1);
  }
  if (inputs.shard.count > 0) {
    std::vector<ProfileJob> kept;
    for (std::size_t p = 0; p < plan.jobs.size(); ++p) {
      if (profile_in_shard(p, inputs.shard.index, inputs.shard.count)) {
        kept.push_back(plan.jobs[p]);
      }
    }
    plan.jobs = std::move(kept);
  }
  return plan;
}

}  // namespace bpfcompat::plan
