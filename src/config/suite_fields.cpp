#include "suite_fields.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "bpfcompat/config/matrix.h"
#include "did_you_mean.h"
#include "profile_parser.h"

namespace bpfcompat::config {

// Accepted so that the reference tool's suites parse, and ignored:
// - keep_vm_on_failure: VMs are disposable here; a failed target's evidence is in the report.
// - runner: QEMU is the only runner, so only `vm` is accepted (anything else is an error).
// - a case's workdir: all cases of a suite share one run, so one workdir (defaults.workdir or
//   --workdir).
// - a case's concurrency: cases share kernel boots, so concurrency is suite-wide (defaults.jobs
//   or defaults.concurrency, --jobs).
// - artifact_uri / artifact_name / artifact_version / artifact_variant: labels for the
//   reference's history pages.
const std::vector<std::string> kIgnoredDefaultsKeys = {"runner", "keep_vm_on_failure"};
const std::vector<std::string> kIgnoredCaseKeys = {
    "runner",       "keep_vm_on_failure", "workdir",          "concurrency",
    "artifact_uri", "artifact_name",      "artifact_version", "artifact_variant"};

// The reference's per-case reports: the suite writes one report with a row per case and
// profile, so a case that asks for its own is an error rather than a file that never appears.
const std::vector<std::string> kUnsupportedCaseKeys = {"out", "markdown"};

void check_unsupported_case_keys(YamlReader& r, const YAML::Node& map) {
  for (const auto& key : kUnsupportedCaseKeys) {
    auto f = find_field(map, key);
    if (!f) continue;
    r.error(f->key,
            fmt::format("per-case {} is not supported; use --{} on the suite run", key, key),
            fmt::format("remove '{}' from the case: the suite writes one report with a row per "
                        "case and profile (--out, --markdown, --junit, --html)",
                        key));
  }
}

namespace {

// The suite file's directory, absolute, for hints.
std::string suite_dir(const YamlReader& r) {
  return std::filesystem::path(r.resolve_path("x")).parent_path().string();
}

}  // namespace

std::optional<std::string> read_suite_name(YamlReader& r, const Field& f, const std::string& what) {
  auto name = r.non_empty_string(f);
  if (!name) return std::nullopt;
  if (is_valid_profile_id(*name)) return name;
  r.error(f, fmt::format("invalid {} '{}'", what, *name),
          "names match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
  return std::nullopt;
}

std::optional<Field> find_either(YamlReader& r, const YAML::Node& map, const std::string& ours,
                                 const std::string& reference) {
  auto a = find_field(map, ours);
  auto b = find_field(map, reference);
  if (a && b) {
    r.error(b->key, fmt::format("both '{}' and '{}' are given", ours, reference),
            fmt::format("'{}' is another spelling of '{}': keep one", reference, ours));
  }
  return a ? a : b;
}

std::optional<CaseMode> read_mode_value(YamlReader& r, const Field& f) {
  auto text = r.non_empty_string(f);
  if (!text) return std::nullopt;
  if (auto mode = parse_case_mode(*text)) return mode;
  std::string hint = did_you_mean(*text, {"load_only", "load_attach", "behavior"});
  r.error(f, fmt::format("unknown mode '{}'", *text),
          fmt::format("{}{}modes are {}", hint, hint.empty() ? "" : " ", case_mode_choices()));
  return std::nullopt;
}

std::optional<CaseMode> read_mode(YamlReader& r, const YAML::Node& map) {
  auto f = find_either(r, map, "mode", "validation_mode");
  if (!f) return std::nullopt;
  return read_mode_value(r, *f);
}

std::optional<std::string> read_existing_file(YamlReader& r, const Field& f,
                                              const std::string& what, const std::string& owner) {
  auto written = r.non_empty_string(f);
  if (!written) return std::nullopt;
  std::string path = r.resolve_path(*written);
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) return path;
  bool exists = std::filesystem::exists(path, ec);
  r.error(f,
          fmt::format("{} of {} {}: {}", what, owner, exists ? "is not a file" : "not found", path),
          fmt::format("paths in a suite are relative to the suite file's directory ({})",
                      suite_dir(r)));
  return std::nullopt;
}

std::string display_path(const SuiteFiles& files, const std::string& written) {
  std::filesystem::path p(written);
  if (p.is_absolute() || files.display_dir.empty()) return p.lexically_normal().string();
  return (std::filesystem::path(files.display_dir) / p).lexically_normal().string();
}

std::optional<std::string> read_matrix_path(YamlReader& r, const Field& f, const std::string& owner,
                                            SuiteFiles& files) {
  auto written = r.non_empty_string(f);
  if (!written) return std::nullopt;
  std::string path = r.resolve_path(*written);
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) {
    bool noted = std::any_of(files.matrices.begin(), files.matrices.end(),
                             [&path](const auto& m) { return m.first == path; });
    if (!noted) files.matrices.emplace_back(path, display_path(files, *written));
    return path;
  }
  auto ext = std::filesystem::path(*written).extension();
  bool bare = written->find('/') == std::string::npos && ext != ".yaml" && ext != ".yml";
  if (!bare || std::filesystem::exists(path, ec)) return read_existing_file(r, f, "matrix", owner);
  std::string hint;
  if (*written == "default" || *written == "quick" || *written == "builtin") {
    hint = "omit 'matrix' to use the built-in default matrix";
  } else if (find_builtin_profile(*written)) {
    hint = fmt::format(
        "'{}' is a profile, not a matrix: omit 'matrix' for the built-in matrix, or give a "
        "matrix file that lists it",
        *written);
  } else {
    hint = fmt::format(
        "'matrix' is a matrix file, relative to the suite file's directory ({}); omit it to use "
        "the built-in default matrix",
        suite_dir(r));
  }
  r.error(f, fmt::format("matrix '{}' of {} names no file: {}", *written, owner, path), hint);
  return std::nullopt;
}

void check_ignored_keys(YamlReader& r, const YAML::Node& map,
                        const std::vector<std::string>& keys) {
  for (const auto& key : keys) {
    auto f = find_field(map, key);
    if (!f) continue;
    if (key == "keep_vm_on_failure") {
      (void)r.boolean(*f);
    } else if (key == "concurrency") {
      (void)read_integer(r, *f, 0, 256);
    } else if (key != "runner") {
      (void)r.string(*f);
    } else if (auto runner = r.non_empty_string(*f); runner && *runner != "vm") {
      r.error(*f, fmt::format("runner '{}' is not supported", *runner),
              "bpfcompat boots every target in QEMU: remove 'runner' or write 'runner: vm'");
    }
  }
}

}  // namespace bpfcompat::config
