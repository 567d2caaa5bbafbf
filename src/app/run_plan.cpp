#include "run_plan.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "bpfcompat/core/sha256.h"
#include "bpfcompat/inspect/artifact_check.h"
#include "bpfcompat/report/merge.h"

namespace bpfcompat::app {
namespace {

// Adds an artifact to the run's list (once per path) and returns its unique display name.
Result<report::ArtifactInfo> add_artifact(RunPlan& plan, const std::string& path) {
  auto file = inspect::check_artifact(path);
  if (!file) return std::move(file).error();
  report::ArtifactInfo info{file->name, file->path, file->sha256};
  for (const auto& a : plan.artifacts) {
    if (a.path == info.path) return a;
  }
  std::string name = info.name;
  for (int n = 2; std::any_of(plan.artifacts.begin(), plan.artifacts.end(),
                              [&](const auto& a) { return a.name == name; });
       ++n) {
    name = fmt::format("{}#{}", info.name, n);
  }
  info.name = name;
  plan.artifacts.push_back(info);
  return info;
}

std::string default_mode(const std::optional<config::Manifest>& manifest) {
  return manifest && !manifest->functional_tests.empty() ? "behavior" : "load_attach";
}

bool has_kernel_lane(const config::Matrix& matrix) {
  return std::any_of(matrix.entries.begin(), matrix.entries.end(),
                     [](const auto& e) { return e.profile.lane == config::Lane::kKernel; });
}

Result<void> check_lanes(const config::Matrix& matrix) {
  for (const auto& e : matrix.entries) {
    if (e.profile.lane == config::Lane::kHost) {
      return invalid_input(
          fmt::format("{}: profile '{}' uses lane '{}', which this version cannot run yet",
                      matrix.path.empty() ? "matrix" : matrix.path, e.profile.id,
                      config::lane_name(e.profile.lane)),
          "use kernel or cloud-image profiles");
    }
  }
  return {};
}

Result<void> check_required_profiles(const config::Manifest& manifest,
                                     const config::Matrix& matrix) {
  for (const auto& id : manifest.required_profiles) {
    bool found = std::any_of(matrix.entries.begin(), matrix.entries.end(),
                             [&](const auto& e) { return e.profile.id == id; });
    if (!found) {
      return invalid_input(
          fmt::format("{}: required_profiles names '{}', which matrix '{}' does not have",
                      manifest.path, id, matrix.path.empty() ? matrix.name : matrix.path),
          "add the profile to the matrix, or remove it from the manifest's required_profiles");
    }
  }
  return {};
}

Result<CaseCommand> make_command(const std::string& command, const std::string& binary,
                                 int expect_exit, const config::Matrix& matrix) {
  if (command.empty()) return invalid_input("the command is empty", "pass --cmd 'SHELL COMMAND'");
  if (expect_exit < 0 || expect_exit > 255) {
    return invalid_input(fmt::format("expected exit code {} is outside 0–255", expect_exit));
  }
  CaseCommand c;
  c.command = command;
  c.expect_exit = expect_exit;
  if (!binary.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(binary, ec)) {
      return invalid_input(fmt::format("{}: no such file (the command's binary)", binary),
                           "pass the path of your loader with --bin");
    }
    c.binary = std::filesystem::absolute(binary).lexically_normal().string();
    c.binary_name = std::filesystem::path(binary).filename().string();
    auto sha = sha256_file(c.binary);
    if (!sha) return std::move(sha).error();
    c.binary_sha256 = *sha;
    if (has_kernel_lane(matrix)) {
      if (auto ok = check_static_binary(c.binary); !ok) return std::move(ok).error();
    }
  }
  return c;
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

// Two matrices of a suite may share a profile id only if they mean the same profile.
Result<void> check_same_profiles(const RunPlan& plan, const config::Matrix& matrix) {
  for (const auto& e : matrix.entries) {
    for (const auto& j : plan.jobs) {
      if (j.entry.profile.id == e.profile.id && j.entry.profile.origin != e.profile.origin) {
        return invalid_input(
            fmt::format("profile '{}' is defined twice, differently: at {} and at {}", e.profile.id,
                        j.entry.profile.origin, e.profile.origin),
            "give one of them another id, or define it once in a profiles/ file both matrices "
            "use");
      }
    }
  }
  return {};
}

}  // namespace

Result<RunPlan> plan_test(const TestOptions& options) {
  auto matrix = options.matrix_path ? config::load_matrix(*options.matrix_path)
                                    : Result<config::Matrix>(config::default_matrix());
  if (!matrix) return std::move(matrix).error();
  if (auto ok = check_lanes(*matrix); !ok) return std::move(ok).error();
  std::optional<config::Manifest> manifest;
  if (!options.manifest_path.empty()) {
    auto loaded = config::load_manifest(options.manifest_path);
    if (!loaded) return std::move(loaded).error();
    if (auto ok = check_required_profiles(*loaded, *matrix); !ok) return std::move(ok).error();
    manifest = std::move(*loaded);
  }
  RunPlan plan;
  plan.matrix_name = matrix->name;
  plan.matrix_path = matrix->path;
  std::string mode = options.mode ? classify::mode_name(*options.mode) : default_mode(manifest);

  if (options.command) {
    if (options.artifacts.size() > 1) {
      return invalid_input("command mode takes at most one --artifact",
                           "run one command per artifact, or use a suite");
    }
    RunCase c;
    c.mode = "command";
    c.matrix_name = matrix->name;
    auto command = make_command(options.command->command, options.command->binary,
                                options.command->expect_exit, *matrix);
    if (!command) return std::move(command).error();
    c.command = std::move(*command);
    c.name = c.command->binary_name.empty() ? "command" : c.command->binary_name;
    if (!options.artifacts.empty()) {
      auto a = add_artifact(plan, options.artifacts.front());
      if (!a) return std::move(a).error();
      c.artifact = *a;
    }
    plan.cases.push_back(std::move(c));
  } else {
    if (options.artifacts.empty()) {
      return invalid_input("no artifact given", "pass --artifact FILE.bpf.o");
    }
    for (const auto& path : options.artifacts) {
      auto a = add_artifact(plan, path);
      if (!a) return std::move(a).error();
      RunCase c;
      c.name = a->name;
      c.artifact = *a;
      c.manifest = manifest;
      c.mode = mode;
      c.matrix_name = matrix->name;
      plan.cases.push_back(std::move(c));
    }
  }
  for (std::size_t i = 0; i < plan.cases.size(); ++i) add_job_cases(plan, *matrix, i);
  return plan;
}

Result<RunPlan> plan_suite(const config::Suite& suite, const TestOptions& options) {
  RunPlan plan;
  std::map<std::string, config::Matrix> matrices;  // by path ("" = default)
  for (const auto& sc : suite.cases) {
    std::string key = sc.matrix_path.value_or("");
    if (!matrices.count(key)) {
      auto m =
          key.empty() ? Result<config::Matrix>(config::default_matrix()) : config::load_matrix(key);
      if (!m) return std::move(m).error();
      if (auto ok = check_lanes(*m); !ok) return std::move(ok).error();
      if (auto ok = check_same_profiles(plan, *m); !ok) return std::move(ok).error();
      matrices.emplace(key, std::move(*m));
    }
    const config::Matrix& matrix = matrices.at(key);
    if (plan.matrix_name.empty()) {
      plan.matrix_name = matrix.name;
      plan.matrix_path = matrix.path;
    }
    RunCase c;
    c.name = sc.name;
    c.manifest = sc.manifest;
    c.matrix_name = matrix.name;
    if (c.manifest) {
      if (auto ok = check_required_profiles(*c.manifest, matrix); !ok) {
        return std::move(ok).error();
      }
    }
    if (!sc.artifact.empty()) {
      auto a = add_artifact(plan, sc.artifact);
      if (!a) return std::move(std::move(a).error()).with_context("suite case " + sc.name);
      c.artifact = *a;
    }
    if (sc.command && sc.manifest) {
      return invalid_input(
          fmt::format("{}: case '{}' has a command and a manifest (or a test: block); a command "
                      "case runs only its command",
                      sc.origin, sc.name),
          "split it into two cases: one with the command, one with the artifact and manifest");
    }
    if (sc.command) {
      auto command =
          make_command(sc.command->command, sc.command->binary, sc.command->expect_exit, matrix);
      if (!command) {
        return std::move(std::move(command).error()).with_context(sc.origin + ": case " + sc.name);
      }
      c.command = std::move(*command);
      c.mode = "command";
    } else if (options.mode) {
      c.mode = classify::mode_name(*options.mode);
    } else {
      c.mode = sc.mode.value_or(default_mode(c.manifest));
    }
    plan.cases.push_back(std::move(c));
    add_job_cases(plan, matrix, plan.cases.size() - 1);
  }
  return plan;
}

void apply_shard(RunPlan& plan, int shard_index, int shard_count) {
  if (shard_count <= 0) return;
  std::vector<ProfileJob> kept;
  for (std::size_t p = 0; p < plan.jobs.size(); ++p) {
    if (report::profile_in_shard(p, shard_index, shard_count)) kept.push_back(plan.jobs[p]);
  }
  plan.jobs = std::move(kept);
}

}  // namespace bpfcompat::app
