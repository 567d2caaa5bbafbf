#include "plan_loader.h"

#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "artifact_check.h"
#include "bpfcompat/core/sha256.h"
#include "elf_linkage.h"

namespace bpfcompat::app {
namespace {

// Loads each distinct matrix path once ("" = the built-in default matrix).
class Matrices {
 public:
  explicit Matrices(plan::PlanInputs& inputs) : inputs_(inputs) {}
  std::optional<std::size_t> index(const std::optional<std::string>& path,
                                   std::vector<Error>& problems) {
    std::string key = path.value_or("");
    if (auto it = loaded_.find(key); it != loaded_.end()) return it->second;
    auto m =
        key.empty() ? Result<config::Matrix>(config::default_matrix()) : config::load_matrix(key);
    if (!m) {
      problems.push_back(std::move(m).error());
      loaded_.emplace(key, std::nullopt);
      return std::nullopt;
    }
    inputs_.matrices.push_back(std::move(*m));
    loaded_.emplace(key, inputs_.matrices.size() - 1);
    return inputs_.matrices.size() - 1;
  }

 private:
  plan::PlanInputs& inputs_;
  std::map<std::string, std::optional<std::size_t>> loaded_;
};

std::optional<plan::Artifact> load_artifact(const std::string& path, std::vector<Error>& problems) {
  auto info = check_artifact(path);
  if (!info) {
    problems.push_back(std::move(info).error());
    return std::nullopt;
  }
  return plan::Artifact{info->name, info->path, info->sha256};
}

std::optional<plan::Command> load_command(const std::string& command, const std::string& binary,
                                          int expect_exit, std::vector<Error>& problems) {
  plan::Command c;
  c.command = command;
  c.expect_exit = expect_exit;
  if (binary.empty()) return c;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(binary, ec)) {
    problems.push_back(invalid_input(fmt::format("{}: no such file (the command's binary)", binary),
                                     "pass the path of your loader with --bin"));
    return std::nullopt;
  }
  c.binary = std::filesystem::absolute(binary).lexically_normal().string();
  c.binary_name = std::filesystem::path(binary).filename().string();
  auto sha = sha256_file(c.binary);
  auto linkage = elf_linkage(c.binary);
  if (!sha || !linkage) {
    problems.push_back(!sha ? std::move(sha).error() : std::move(linkage).error());
    return std::nullopt;
  }
  c.binary_sha256 = *sha;
  c.binary_linkage = *linkage == ElfLinkage::kDynamic  ? plan::Linkage::kDynamic
                     : *linkage == ElfLinkage::kStatic ? plan::Linkage::kStatic
                                                       : plan::Linkage::kNotElf;
  return c;
}

void load_test(const plan::PlanRequest& r, LoadedRequest& out, std::vector<Error>& problems) {
  Matrices matrices(out.inputs);
  auto matrix = matrices.index(r.matrix, problems);
  std::optional<config::Manifest> manifest;
  if (!r.manifest.empty()) {
    auto m = config::load_manifest(r.manifest);
    if (m) manifest = std::move(*m);
    if (!m) problems.push_back(std::move(m).error());
  }
  if (r.command && r.artifacts.size() > 1) {
    problems.push_back(invalid_input("command mode takes at most one --artifact",
                                     "run one command per artifact, or use a suite"));
  }
  auto add = [&](plan::CaseSpec spec) {
    if (matrix) spec.matrix = *matrix;
    out.inputs.cases.push_back(std::move(spec));
  };
  if (r.command) {
    plan::CaseSpec spec;
    spec.command =
        load_command(r.command->command, r.command->binary, r.command->expect_exit, problems);
    if (!r.artifacts.empty()) spec.artifact = load_artifact(r.artifacts.front(), problems);
    add(std::move(spec));
    return;
  }
  for (const auto& path : r.artifacts) {
    plan::CaseSpec spec;
    spec.artifact = load_artifact(path, problems);
    spec.manifest = manifest;
    add(std::move(spec));
  }
}

void load_suite_cases(const config::Suite& suite, LoadedRequest& out,
                      std::vector<Error>& problems) {
  Matrices matrices(out.inputs);
  for (const auto& sc : suite.cases) {
    plan::CaseSpec spec;
    spec.name = sc.name;
    spec.origin = sc.origin;
    spec.manifest = sc.manifest;
    spec.timeout = sc.timeout;
    if (sc.mode) spec.mode = config::parse_case_mode(*sc.mode);
    if (!sc.artifact.empty()) spec.artifact = load_artifact(sc.artifact, problems);
    if (sc.command) {
      spec.command =
          load_command(sc.command->command, sc.command->binary, sc.command->expect_exit, problems);
    }
    auto matrix = matrices.index(sc.matrix_path, problems);
    if (matrix) spec.matrix = *matrix;
    if (matrix) out.inputs.cases.push_back(std::move(spec));
  }
}

}  // namespace

Result<LoadedRequest> load_request(const plan::PlanRequest& request) {
  LoadedRequest out;
  out.inputs.mode_override = request.mode;
  out.inputs.shard = request.shard;
  if (!request.suite.empty()) {
    auto suite = config::load_suite(request.suite);
    if (!suite) return std::move(suite).error();
    load_suite_cases(*suite, out, out.problems);
    out.suite = std::move(*suite);
  } else {
    load_test(request, out, out.problems);
  }
  return out;
}

Result<plan::RunPlan> plan_request(const LoadedRequest& loaded) {
  auto plan = plan::make_plan(loaded.inputs);
  if (loaded.problems.empty()) return plan;
  std::vector<Error> all = loaded.problems;
  if (!plan) all.push_back(std::move(plan).error());
  return combine_errors(std::move(all));
}

}  // namespace bpfcompat::app
