#include "plan_loader.h"

#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "bpfcompat/core/sha256.h"
#include "bpfcompat/inspect/artifact_check.h"
#include "bpfcompat/inspect/attach_point.h"
#include "bpfcompat/inspect/elf_linkage.h"
#include "bpfcompat/inspect/input_check.h"
#include "bpfcompat/inspect/object_facts.h"

namespace bpfcompat::app {
namespace {

// Loads each distinct matrix path once ("" = the built-in default matrix); a suite's matrices
// come loaded with it.
class Matrices {
 public:
  Matrices(plan::PlanInputs& inputs, const config::ProfileCatalog& catalog,
           const std::vector<config::Matrix>* preloaded = nullptr)
      : inputs_(inputs), catalog_(catalog), preloaded_(preloaded) {}
  std::optional<std::size_t> index(const std::optional<std::string>& path,
                                   std::vector<Error>& problems) {
    std::string key = path.value_or("");
    if (auto it = loaded_.find(key); it != loaded_.end()) return it->second;
    auto m = key.empty() ? Result<config::Matrix>(config::default_matrix()) : load(key);
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
  Result<config::Matrix> load(const std::string& path) const {
    if (preloaded_) {
      for (const auto& m : *preloaded_) {
        if (m.path == path) return m;
      }
    }
    return config::load_matrix(path, catalog_);
  }

  plan::PlanInputs& inputs_;
  const config::ProfileCatalog& catalog_;
  const std::vector<config::Matrix>* preloaded_;
  std::map<std::string, std::optional<std::size_t>> loaded_;
};

// Findings that make every boot pointless (no programs, no BTF, untyped sections, legacy maps)
// are input errors: no kernel is blamed for them. A command case's loader decides program types
// and maps itself, so its artifact is only checked to be a whole BPF ELF file.
std::optional<plan::Artifact> load_artifact(const std::string& path,
                                            const std::optional<config::Manifest>& manifest,
                                            bool for_command, std::vector<Error>& problems) {
  auto file = inspect::check_artifact(path);
  if (!file) {
    problems.push_back(std::move(file).error());
    return std::nullopt;
  }
  plan::Artifact artifact{file->name, file->path, file->sha256, {}};
  if (!for_command) {
    auto facts = inspect::read_object(path);
    inspect::InputRules rules;
    if (manifest) {
      for (const auto& t : manifest->program_types) rules.typed_programs.insert(t.program);
    }
    Result<void> ok = facts ? inspect::check_input(*facts, rules) : Result<void>(facts.error());
    if (!ok) {
      problems.push_back(std::move(ok).error());
      return std::nullopt;
    }
    artifact.kernel_functions = inspect::attach_targets(*facts);
  }
  return artifact;
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
  auto linkage = inspect::elf_linkage(c.binary);
  if (!sha || !linkage) {
    problems.push_back(!sha ? std::move(sha).error() : std::move(linkage).error());
    return std::nullopt;
  }
  c.binary_sha256 = *sha;
  c.binary_linkage = *linkage == inspect::ElfLinkage::kDynamic  ? plan::Linkage::kDynamic
                     : *linkage == inspect::ElfLinkage::kStatic ? plan::Linkage::kStatic
                                                                : plan::Linkage::kNotElf;
  return c;
}

void load_test(const plan::PlanRequest& r, const config::ProfileCatalog& catalog,
               LoadedRequest& out, std::vector<Error>& problems) {
  Matrices matrices(out.inputs, catalog);
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
    if (!r.artifacts.empty()) {
      spec.artifact = load_artifact(r.artifacts.front(), std::nullopt, true, problems);
    }
    add(std::move(spec));
    return;
  }
  for (const auto& path : r.artifacts) {
    plan::CaseSpec spec;
    spec.artifact = load_artifact(path, manifest, false, problems);
    spec.manifest = manifest;
    add(std::move(spec));
  }
}

void load_suite_cases(const config::Suite& suite, const config::ProfileCatalog& catalog,
                      LoadedRequest& out, std::vector<Error>& problems) {
  Matrices matrices(out.inputs, catalog, &suite.matrices);
  for (const auto& sc : suite.cases) {
    plan::CaseSpec spec;
    spec.name = sc.name;
    spec.origin = sc.origin;
    spec.manifest = sc.manifest;
    spec.timeout = sc.timeout;
    spec.mode = sc.mode;
    if (!sc.artifact.empty()) {
      spec.artifact = load_artifact(sc.artifact, sc.manifest, sc.command.has_value(), problems);
      if (!spec.artifact)
        problems.back() = std::move(problems.back()).with_context(sc.origin + ": case " + sc.name);
    }
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

Result<LoadedRequest> load_request(const plan::PlanRequest& request,
                                   const config::ProfileCatalog& catalog) {
  LoadedRequest out;
  out.inputs.mode_override = request.mode;
  out.inputs.shard = request.shard;
  if (!request.suite.empty()) {
    auto suite = config::load_suite(request.suite, catalog);
    if (!suite) return std::move(suite).error();
    load_suite_cases(*suite, catalog, out, out.problems);
    out.suite = std::move(*suite);
  } else {
    load_test(request, catalog, out, out.problems);
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
