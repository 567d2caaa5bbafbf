// load_suite(): a suite file → Suite (name, defaults, cases with their manifests), every problem
// of the suite and of the manifests it names reported in one pass.
#include <filesystem>

#include <fmt/format.h>

#include "bpfcompat/core/file_io.h"
#include "matrix_reader.h"
#include "suite_fields.h"

namespace bpfcompat::config {
namespace {

constexpr std::size_t kMaxSuiteBytes = 1u << 20;
constexpr long long kMaxJobs = 256;

std::vector<std::string> defaults_keys() {
  std::vector<std::string> keys = {"matrix", "mode",        "validation_mode", "timeout",
                                   "jobs",   "concurrency", "workdir",         "report_dir"};
  keys.insert(keys.end(), kIgnoredDefaultsKeys.begin(), kIgnoredDefaultsKeys.end());
  return keys;
}

std::map<std::string, std::string> misplaced_top_keys() {
  std::map<std::string, std::string> explanations;
  for (const auto& key : defaults_keys()) {
    explanations[key] = fmt::format("'{}' belongs under 'defaults:' (or in a case)", key);
  }
  return explanations;
}

void read_defaults(YamlReader& r, const Field& f, SuiteFiles& files, SuiteDefaults& d) {
  if (f.value.IsNull()) return;
  if (!r.expect_map(f, "e.g. 'defaults: {matrix: fleet.yaml, mode: load_attach}'")) return;
  ContextScope scope(r, "defaults");
  r.check_keys(f.value, defaults_keys());
  if (auto k = find_field(f.value, "matrix")) {
    d.matrix_path = read_matrix_path(r, *k, "defaults", files);
  }
  d.mode = read_mode(r, f.value);
  if (auto k = find_field(f.value, "timeout")) d.timeout = read_duration(r, *k);
  if (auto k = find_either(r, f.value, "jobs", "concurrency")) {
    d.jobs = static_cast<int>(read_integer(r, *k, 0, kMaxJobs).value_or(0));
  }
  for (auto [key, out] :
       {std::pair{"workdir", &d.workdir}, std::pair{"report_dir", &d.report_dir}}) {
    if (auto k = find_field(f.value, key)) {
      if (auto path = r.non_empty_string(*k)) *out = r.resolve_path(*path);
    }
  }
  check_ignored_keys(r, f.value, kIgnoredDefaultsKeys);
}

// A case never has fewer fields set than the defaults.
void apply_defaults(const SuiteDefaults& d, SuiteCase& c) {
  if (!c.matrix_path) c.matrix_path = d.matrix_path;
  if (!c.mode) c.mode = d.mode;
  if (!c.timeout) c.timeout = d.timeout;
}

void read_suite(YamlReader& r, const YAML::Node& root, SuiteFiles& files, Suite& suite) {
  if (root.IsNull()) {
    r.file_error("empty suite; expected 'name:' and 'cases:'");
    return;
  }
  if (!root.IsMap()) {
    r.error(root, "a suite must be a mapping", "start it with 'name:' and 'cases:'");
    return;
  }
  r.check_keys(root, {"name", "defaults", "cases"}, misplaced_top_keys());
  if (auto f = find_field(root, "name")) {
    suite.name = read_suite_name(r, *f, "suite name").value_or("");
  } else {
    r.error(root, "missing key 'name'", "add 'name:', e.g. 'name: agent-probes'");
  }
  if (auto f = find_field(root, "defaults")) read_defaults(r, *f, files, suite.defaults);
  if (auto f = find_field(root, "cases")) {
    read_suite_cases(r, *f, files, suite.cases);
  } else {
    r.error(root, "missing key 'cases'", "add 'cases:' with at least one case");
  }
  for (auto& c : suite.cases) apply_defaults(suite.defaults, c);
}

}  // namespace

Result<Suite> load_suite(const std::string& path, const ProfileCatalog& catalog) {
  auto text = read_file(path, kMaxSuiteBytes);
  if (!text) return std::move(text).error();
  std::error_code ec;
  auto absolute = std::filesystem::absolute(path, ec).lexically_normal();
  if (ec) absolute = std::filesystem::path(path);
  Diagnostics diagnostics;
  YamlReader reader(SourceText::from(path, *text), diagnostics, absolute.parent_path().string());
  SuiteFiles files;
  files.display_dir = std::filesystem::path(path).parent_path().string();
  Suite suite;
  suite.path = absolute.string();
  try {
    if (auto root = reader.parse(*text)) read_suite(reader, *root, files, suite);
  } catch (const YAML::Exception& e) {  // a yaml-cpp surprise still becomes a diagnostic
    reader.error_at_mark(e.mark, e.msg);
  }
  // The matrices' problems (an unknown profile, ...) come with the suite's own, at once.
  for (const auto& [matrix_path, display] : files.matrices) {
    if (auto matrix = read_matrix_file(display, diagnostics, catalog)) {
      matrix->path = matrix_path;
      suite.matrices.push_back(std::move(*matrix));
    }
  }
  if (!diagnostics.empty()) return diagnostics.to_error();
  return suite;
}

}  // namespace bpfcompat::config
