// The `cases:` of a suite: artifact or command, manifest (read once per file), matrix, mode, and
// the inline `test:` block merged into the manifest as one more functional test.
#include <filesystem>

#include <fmt/format.h>

#include "manifest_reader.h"
#include "suite_fields.h"

namespace bpfcompat::config {
namespace {

std::vector<std::string> case_keys() {
  std::vector<std::string> keys = {"name", "artifact",        "command", "manifest", "matrix",
                                   "mode", "validation_mode", "timeout", "test"};
  keys.insert(keys.end(), kIgnoredCaseKeys.begin(), kIgnoredCaseKeys.end());
  keys.insert(keys.end(), kUnsupportedCaseKeys.begin(), kUnsupportedCaseKeys.end());
  return keys;
}

const std::map<std::string, std::string> kCaseKeyExplanations = {
    {"jobs", "'jobs' is suite-wide: put it under 'defaults:'"},
};

std::optional<SuiteCommand> read_command(YamlReader& r, const Field& f, const std::string& owner) {
  SuiteCommand command;
  if (!f.value.IsMap()) {
    auto text = r.non_empty_string(f);
    if (!text) return std::nullopt;
    command.command = *text;
    return command;
  }
  ContextScope scope(r, "command");
  r.check_keys(f.value, {"run", "binary", "expect_exit"});
  if (auto run = find_field(f.value, "run")) {
    command.command = r.non_empty_string(*run).value_or("");
  } else {
    r.error(f, "'command' has no 'run'", "add 'run:' with the shell command to run in the guest");
  }
  if (auto bin = find_field(f.value, "binary")) {
    command.binary = read_existing_file(r, *bin, "binary", owner).value_or("");
  }
  if (auto code = find_field(f.value, "expect_exit")) {
    command.expect_exit = static_cast<int>(read_integer(r, *code, 0, 255).value_or(0));
  }
  return command;
}

void read_expect(YamlReader& r, const Field& f, SuiteCaseTest& test) {
  if (!r.expect_map(f, "e.g. 'expect: {exit_code: 0, stdout_contains: ok}'")) return;
  ContextScope scope(r, "expect");
  r.check_keys(f.value, {"exit_code", "stdout_contains", "stderr_contains", "event_contains"});
  if (auto k = find_field(f.value, "exit_code")) {
    test.expect_exit_code = static_cast<int>(read_integer(r, *k, 0, 255).value_or(0));
  }
  std::string event;
  for (auto [key, out] : {std::pair{"stdout_contains", &test.expect_stdout_contains},
                          std::pair{"stderr_contains", &test.expect_stderr_contains},
                          std::pair{"event_contains", &event}}) {
    if (auto k = find_field(f.value, key)) {
      *out = read_single_line(r, *k, kMaxTestCommandBytes, false).value_or("");
    }
  }
  if (test.expect_stdout_contains.empty()) test.expect_stdout_contains = event;
}

std::optional<SuiteCaseTest> read_test(YamlReader& r, const Field& f) {
  if (!r.expect_map(f, "e.g. 'test: {mode: behavior, command: ./smoke.sh}'")) return std::nullopt;
  ContextScope scope(r, "test");
  r.check_keys(f.value, {"mode", "command", "required", "timeout", "expect"});
  SuiteCaseTest test;
  if (auto k = find_field(f.value, "mode")) {
    auto mode = read_mode_value(r, *k);
    if (mode && *mode != CaseMode::kBehavior) {
      r.error(*k,
              fmt::format("a test block's mode must be 'behavior', got '{}'", k->value.Scalar()),
              "write 'mode: behavior' or leave it out");
    }
  }
  if (auto k = find_field(f.value, "command")) {
    test.command = read_single_line(r, *k, kMaxTestCommandBytes, true).value_or("");
  } else {
    r.error(f, "'test' has no 'command'", "add 'command:' with the shell command to run");
  }
  if (auto k = find_field(f.value, "required")) test.required = r.boolean(*k).value_or(true);
  if (auto k = find_field(f.value, "timeout")) {
    test.timeout = read_test_timeout(r, *k).value_or(kDefaultTestTimeout);
  }
  if (auto k = find_field(f.value, "expect")) read_expect(r, *k, test);
  return test;
}

void read_manifest_of(YamlReader& r, const Field& f, SuiteFiles& files, SuiteCase& c) {
  auto path = read_existing_file(r, f, "manifest", fmt::format("case '{}'", c.name));
  if (!path) return;
  c.manifest_path = *path;
  auto cached = files.manifests.find(*path);
  if (cached == files.manifests.end()) {
    auto manifest = read_manifest_file(display_path(files, f.value.Scalar()), r.diagnostics());
    if (manifest) manifest->path = *path;
    cached = files.manifests.emplace(*path, std::move(manifest)).first;
  }
  c.manifest = cached->second;
}

// The `test:` block becomes the functional test "<case>-behavior" and forces behavior mode.
void merge_test(YamlReader& r, const Field& f, const SuiteCaseTest& test, SuiteCase& c) {
  if (c.mode && *c.mode != CaseMode::kBehavior) {
    r.error(
        f,
        fmt::format("case '{}' has a 'test' block but mode '{}'", c.name, case_mode_name(*c.mode)),
        "a test block runs in behavior mode: remove the case's mode or set it to behavior");
  }
  c.mode = CaseMode::kBehavior;
  if (!c.manifest_path.empty() && !c.manifest) return;  // its errors are reported already
  if (!c.manifest) {
    c.manifest = Manifest{};
    c.manifest->name = c.name;
  }
  FunctionalTest ft{c.name + "-behavior",
                    test.command,
                    test.required,
                    test.timeout,
                    test.expect_exit_code,
                    test.expect_stdout_contains,
                    test.expect_stderr_contains};
  for (const auto& existing : c.manifest->functional_tests) {
    if (existing.name == ft.name) {
      r.error(
          f,
          fmt::format("the manifest of case '{}' already has a test named '{}'", c.name, ft.name),
          "rename that functional test or move the test block into the manifest");
    }
  }
  if (c.manifest->functional_tests.size() >= kMaxFunctionalTests) {
    r.error(f, fmt::format("the manifest of case '{}' already has {} functional tests (at most {})",
                           c.name, c.manifest->functional_tests.size(), kMaxFunctionalTests));
  }
  c.manifest->functional_tests.push_back(std::move(ft));
}

// `artifact` and/or `command`; a manifest and a test block describe an artifact, so need one.
void read_subject(YamlReader& r, const YAML::Node& item, const std::string& owner, SuiteCase& c) {
  auto artifact = find_field(item, "artifact");
  auto command = find_field(item, "command");
  if (artifact) c.artifact = read_existing_file(r, *artifact, "artifact", owner).value_or("");
  if (command) c.command = read_command(r, *command, owner);
  if (!artifact && !command) {
    r.error(item, fmt::format("{} has neither 'artifact' nor 'command'", owner),
            "add 'artifact:' with a .bpf.o file, or 'command:' with a shell command");
  }
  for (const char* key : {"manifest", "test"}) {
    auto f = find_field(item, key);
    if (f && !artifact) {
      r.error(f->key, fmt::format("{} has '{}' but no 'artifact'", owner, key),
              fmt::format("'{}' describes an artifact: add 'artifact:' or remove it", key));
    }
  }
}

SuiteCase read_case(YamlReader& r, const YAML::Node& item, std::size_t number, SuiteFiles& files,
                    UniqueNames& names) {
  r.check_keys(item, case_keys(), kCaseKeyExplanations);
  SuiteCase c;
  c.origin = fmt::format("{}:{}", r.source().path, item.Mark().line + 1);
  if (auto f = find_field(item, "name")) {
    if (auto name = read_suite_name(r, *f, "case name")) {
      names.add(r, *f, *name);
      c.name = *name;
    }
  } else {
    r.error(item, fmt::format("case #{} has no 'name'", number),
            "add 'name:', e.g. 'name: exec-ringbuf'");
  }
  std::string owner =
      c.name.empty() ? fmt::format("case #{}", number) : fmt::format("case '{}'", c.name);
  ContextScope scope(r, owner);
  read_subject(r, item, owner, c);
  if (auto f = find_field(item, "matrix")) c.matrix_path = read_matrix_path(r, *f, owner, files);
  c.mode = read_mode(r, item);
  if (auto f = find_field(item, "timeout")) c.timeout = read_duration(r, *f);
  check_ignored_keys(r, item, kIgnoredCaseKeys);
  check_unsupported_case_keys(r, item);
  if (auto f = find_field(item, "manifest")) read_manifest_of(r, *f, files, c);
  if (auto f = find_field(item, "test")) {
    if (auto block = read_test(r, *f)) merge_test(r, *f, *block, c);
  }
  return c;
}

}  // namespace

void read_suite_cases(YamlReader& r, const Field& list, SuiteFiles& files,
                      std::vector<SuiteCase>& cases) {
  const std::string example = "- {name: exec, artifact: build/exec.bpf.o}";
  if (list.value.IsNull() || (list.value.IsSequence() && list.value.size() == 0)) {
    r.error(list, "'cases' is empty", fmt::format("list at least one case, e.g. '{}'", example));
    return;
  }
  if (!expect_list(r, list, example)) return;
  UniqueNames names("case name");
  std::size_t index = 0;
  for (const auto& item : list.value) {
    if (!expect_item_map(r, item, list, index++, example)) continue;
    cases.push_back(read_case(r, item, index, files, names));
  }
}

}  // namespace bpfcompat::config
