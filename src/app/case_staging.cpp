#include "case_staging.h"

#include <filesystem>

#include <fmt/format.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/sha256.h"

namespace bpfcompat::app {
namespace {

validation::PlanMap plan_map(const config::ManifestMap& m) {
  validation::PlanMap p;
  p.name = m.name;
  if (m.max_entries) p.max_entries = *m.max_entries;
  p.max_entries_cpus = m.max_entries_cpus;
  if (m.value_size) p.value_size = *m.value_size;
  if (m.inner_ringbuf_bytes) p.inner_ringbuf_bytes = *m.inner_ringbuf_bytes;
  if (m.inner_map) {
    p.inner_map_type = m.inner_map->type;
    p.inner_key_size = m.inner_map->key_size;
    p.inner_value_size = m.inner_map->value_size;
    p.inner_max_entries = m.inner_map->max_entries;
  }
  return p;
}

validation::PlanTest plan_test(const config::FunctionalTest& t) {
  validation::PlanTest p;
  p.name = t.name;
  p.command = t.command;
  p.required = t.required;
  p.timeout_sec = static_cast<int>(t.timeout.count());
  p.expect_exit = t.expect_exit_code;
  p.expect_stdout = t.expect_stdout_contains;
  p.expect_stderr = t.expect_stderr_contains;
  return p;
}

void add_manifest(validation::CasePlan& plan, const config::Manifest& m) {
  for (const auto& map : m.maps) plan.maps.push_back(plan_map(map));
  for (const auto& t : m.program_types) plan.program_types.push_back({t.program, t.type});
  for (const auto& g : m.program_variants) {
    for (const auto& v : g.programs) {
      plan.variants.push_back({g.group, v.name, v.requires_helper, v.trial_load});
    }
  }
  plan.companions = m.probe_companions;
  plan.attach_optional = m.attach_optional_programs();
  for (const auto& t : m.functional_tests) plan.tests.push_back(plan_test(t));
}

}  // namespace

report::CaseInfo case_info(const plan::Case& c) {
  report::CaseInfo i;
  i.name = c.name;
  if (c.artifact) i.artifact = c.artifact->name;
  if (c.manifest) i.manifest = c.manifest->path;
  i.matrix = c.matrix_name;
  i.mode = config::case_mode_name(c.mode);
  if (c.command) {
    i.command_sha256 = sha256_hex(c.command->command);
    i.expect_exit = c.command->expect_exit;
    i.binary = c.command->binary_name;
    i.binary_sha256 = c.command->binary_sha256;
  }
  return i;
}

validation::CasePlan case_plan(const plan::Case& c, const std::string& artifact_guest_path,
                               const std::string& binary_guest_path, const std::string& guest_root,
                               long case_timeout_sec) {
  validation::CasePlan plan;
  plan.name = c.name;
  plan.artifact = artifact_guest_path;
  plan.mode = config::case_mode_name(c.mode);
  if (c.manifest && c.mode != config::CaseMode::kCommand) add_manifest(plan, *c.manifest);
  if (c.mode != config::CaseMode::kBehavior) plan.tests.clear();
  plan.env = {{"BPFCOMPAT_ARTIFACT", artifact_guest_path},
              {"BPFCOMPAT_BIN", binary_guest_path},
              {"BPFCOMPAT_REMOTE_ROOT", guest_root}};
  if (c.command) {
    plan.command.command = c.command->command;
    plan.command.expect_exit = c.command->expect_exit;
    plan.command.timeout_sec = static_cast<int>(c.timeout ? c.timeout->count() : case_timeout_sec);
  }
  return plan;
}

Result<StagedCases> stage_cases(const std::vector<const plan::Case*>& cases,
                                const std::string& guest_prefix, const std::string& work_dir,
                                long case_timeout_sec) {
  StagedCases out;
  std::error_code ec;
  std::filesystem::create_directories(work_dir, ec);
  std::string root = guest_prefix.back() == '/' ? guest_prefix.substr(0, guest_prefix.size() - 1)
                                                : std::string("/tmp");
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const plan::Case& c = *cases[i];
    std::string artifact_guest, binary_guest;
    if (c.artifact) {
      artifact_guest = fmt::format("{}a{}.o", guest_prefix, i);
      out.files.push_back({artifact_guest, c.artifact->path, 0644});
    }
    if (c.command && !c.command->binary.empty()) {
      binary_guest = fmt::format("{}b{}-{}", guest_prefix, i, c.command->binary_name);
      out.files.push_back({binary_guest, c.command->binary, 0755});
    }
    std::string plan_host = fmt::format("{}/case{}.plan", work_dir, i);
    auto plan = case_plan(c, artifact_guest, binary_guest, root, case_timeout_sec);
    if (auto w = write_file_atomic(plan_host, validation::render_case_plan(plan)); !w) {
      return std::move(w).error();
    }
    std::string plan_guest = fmt::format("{}c{}.plan", guest_prefix, i);
    out.files.push_back({plan_guest, plan_host, 0644});
    out.args.insert(out.args.end(), {"--case", plan_guest});
    out.needs_shell = out.needs_shell || c.needs_shell();
  }
  return out;
}

}  // namespace bpfcompat::app
