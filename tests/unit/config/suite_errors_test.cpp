#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "bpfcompat/config/suite.h"
#include "bpfcompat/core/temp_dir.h"
#include "support/text.h"

namespace bpfcompat::config {
namespace {

using testing::count_occurrences;
using testing::write_scratch;

// A directory with s.yaml (the suite under test) beside a.bpf.o, fleet.yaml, a manifest m.yaml
// whose functional test is named "c-behavior", and a folder sub/.
class SuiteFile {
 public:
  explicit SuiteFile(const std::string& yaml) : dir_(TempDir::create("suite-test").value()) {
    write_scratch(dir_.path() + "/a.bpf.o", "not an object");
    write_scratch(dir_.path() + "/fleet.yaml", "profiles: [debian-12]\n");
    write_scratch(dir_.path() + "/m.yaml", "functional_tests: [{name: c-behavior, command: x}]\n");
    std::filesystem::create_directory(dir_.path() + "/sub");
    write_scratch(path(), yaml);
  }
  std::string path() const { return dir_.path() + "/s.yaml"; }
  const std::string& dir() const { return dir_.path(); }
  std::string error() const {
    auto s = load_suite(path());
    if (s) return {};
    EXPECT_EQ(s.error().kind, ErrorKind::kInvalidInput);
    return s.error().message;
  }

 private:
  TempDir dir_;
};

struct ErrorCase {
  const char* yaml;
  const char* where;    // line:col
  const char* message;  // after "error: "; "{dir}" stands for the suite's directory
  const char* hint;     // empty: no hint line; "{dir}" as above
};

const std::vector<ErrorCase> kErrorCases = {
    {"name: s\ncases:\n  - name: c\n    artifact: a.bpf.o\n    manifets: m.yaml\n", "5:5",
     "unknown key 'manifets'", "did you mean 'manifest'?"},
    {"name: s\nmatrix: fleet.yaml\ncases: [{name: c, artifact: a.bpf.o}]\n", "2:1",
     "unknown key 'matrix'", "'matrix' belongs under 'defaults:' (or in a case)"},
    {"name: -s\ncases: [{name: c, artifact: a.bpf.o}]\n", "1:7", "invalid suite name '-s'",
     "names match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"},
    {"cases: [{name: c, artifact: a.bpf.o}]\n", "1:1", "missing key 'name'",
     "add 'name:', e.g. 'name: agent-probes'"},
    {"name: s\ncases: []\n", "2:8", "'cases' is empty",
     "list at least one case, e.g. '- {name: exec, artifact: build/exec.bpf.o}'"},
    {"name: s\ncases:\n  - {name: c, artifact: a.bpf.o}\n  - {name: c, artifact: a.bpf.o}\n",
     "4:12", "duplicate case name 'c'", "it is first used on line 3"},
    {"name: s\ncases:\n  - {name: \"c d\", artifact: a.bpf.o}\n", "3:12", "invalid case name 'c d'",
     "names match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"},
    {"name: s\ncases:\n  - {name: c}\n", "3:5", "case 'c' has neither 'artifact' nor 'command'",
     "add 'artifact:' with a .bpf.o file, or 'command:' with a shell command"},
    {"name: s\ncases:\n  - {name: c, artifact: b.bpf.o}\n", "3:25",
     "artifact of case 'c' not found: {dir}/b.bpf.o",
     "paths in a suite are relative to the suite file's directory ({dir})"},
    {"name: s\ncases:\n  - {name: c, artifact: sub}\n", "3:25",
     "artifact of case 'c' is not a file: {dir}/sub",
     "paths in a suite are relative to the suite file's directory ({dir})"},
    {"name: s\ncases:\n  - {name: c, artifact: a.bpf.o, manifest: sub/m.yaml}\n", "3:44",
     "manifest of case 'c' not found: {dir}/sub/m.yaml", ""},
    {"name: s\ncases:\n  - {name: c, command: {run: x, binary: tool}}\n", "3:41",
     "in case 'c' → command: binary of case 'c' not found: {dir}/tool", ""},
    {"name: s\ncases:\n  - {name: c, command: {binary: a.bpf.o}}\n", "3:24",
     "in case 'c' → command: 'command' has no 'run'",
     "add 'run:' with the shell command to run in the guest"},
    {"name: s\ncases:\n  - {name: c, command: {run: x, expect_exit: 256}}\n", "3:46",
     "in case 'c' → command: 'expect_exit' must be an integer from 0 to 255, got '256'",
     "write a plain whole number from 0 to 255"},
    {"name: s\ncases:\n  - {name: c, artifact: a.bpf.o, matrix: fleet2.yaml}\n", "3:42",
     "matrix of case 'c' not found: {dir}/fleet2.yaml", ""},
    {"name: s\ncases:\n  - {name: c, artifact: a.bpf.o, matrix: debian-12}\n", "3:42",
     "matrix 'debian-12' of case 'c' names no file: {dir}/debian-12",
     "'debian-12' is a profile, not a matrix: omit 'matrix' for the built-in matrix, or give a "
     "matrix file that lists it"},
    {"name: s\ndefaults: {matrix: quick}\ncases: [{name: c, artifact: a.bpf.o}]\n", "2:20",
     "matrix 'quick' of defaults names no file: {dir}/quick",
     "omit 'matrix' to use the built-in default matrix"},
    {"name: s\ndefaults: {matrix: fleet}\ncases: [{name: c, artifact: a.bpf.o}]\n", "2:20",
     "matrix 'fleet' of defaults names no file: {dir}/fleet",
     "'matrix' is a matrix file, relative to the suite file's directory ({dir}); omit it to use "
     "the built-in default matrix"},
    {"name: s\ndefaults: {mode: load_attatch}\ncases: [{name: c, artifact: a.bpf.o}]\n", "2:18",
     "unknown mode 'load_attatch'",
     "did you mean 'load_attach'? modes are load_only, load_attach, behavior"},
    {"name: s\ndefaults: {mode: behavior, validation_mode: behavior}\ncases: [{name: c, artifact: "
     "a.bpf.o}]\n",
     "2:28", "both 'mode' and 'validation_mode' are given",
     "'validation_mode' is another spelling of 'mode': keep one"},
    {"name: s\ndefaults: {jobs: -1}\ncases: [{name: c, artifact: a.bpf.o}]\n", "2:18",
     "'jobs' must be an integer from 0 to 256, got '-1'",
     "write a plain whole number from 0 to 256"},
    {"name: s\ndefaults: {timeout: 5 minutes}\ncases: [{name: c, artifact: a.bpf.o}]\n", "2:21",
     "invalid duration '5 minutes': unknown unit; use whole seconds (120) or h/m/s units in that "
     "order (90s, 5m, 1m30s, 1h)",
     ""},
    {"name: s\ndefaults: {runner: firecracker}\ncases: [{name: c, artifact: a.bpf.o}]\n", "2:20",
     "runner 'firecracker' is not supported",
     "bpfcompat boots every target in QEMU: remove 'runner' or write 'runner: vm'"},
    {"name: s\ndefaults: {keep_vm_on_failure: yes}\ncases: [{name: c, artifact: a.bpf.o}]\n",
     "2:32", "'keep_vm_on_failure' must be true or false, got 'yes'",
     "YAML 1.1 words like yes/no/on/off are not booleans here; write true or false"},
    {"name: s\ncases: [{name: c, artifact: a.bpf.o, jobs: 2}]\n", "2:38", "unknown key 'jobs'",
     "'jobs' is suite-wide: put it under 'defaults:'"},
    {"name: s\ncases:\n  - name: c\n    artifact: a.bpf.o\n    out: c.json\n", "5:5",
     "per-case out is not supported; use --out on the suite run",
     "remove 'out' from the case: the suite writes one report with a row per case and profile "
     "(--out, --markdown, --junit, --html)"},
    {"name: s\ncases:\n  - name: c\n    artifact: a.bpf.o\n    markdown: c.md\n", "5:5",
     "per-case markdown is not supported; use --markdown on the suite run",
     "remove 'markdown' from the case: the suite writes one report with a row per case and "
     "profile (--out, --markdown, --junit, --html)"},
    {"name: s\ncases: [{name: c, command: x, test: {command: y}}]\n", "2:31",
     "case 'c' has 'test' but no 'artifact'",
     "'test' describes an artifact: add 'artifact:' or "
     "remove it"},
    {"name: s\ncases:\n  - name: c\n    artifact: a.bpf.o\n    mode: load_only\n"
     "    test: {command: y}\n",
     "6:11", "case 'c' has a 'test' block but mode 'load_only'",
     "a test block runs in behavior mode: remove the case's mode or set it to behavior"},
    {"name: s\ncases:\n  - name: c\n    artifact: a.bpf.o\n    test: {mode: load_only, command: "
     "y}\n",
     "5:18", "in case 'c' → test: a test block's mode must be 'behavior', got 'load_only'",
     "write 'mode: behavior' or leave it out"},
    {"name: s\ncases:\n  - name: c\n    artifact: a.bpf.o\n    test: {command: \"a\\tb\"}\n",
     "5:21", "in case 'c' → test: 'command' contains a tab character", "use spaces instead"},
    {"name: s\ncases:\n  - name: c\n    artifact: a.bpf.o\n    test: {command: y, timeout: 10m}\n",
     "5:33", "in case 'c' → test: 'timeout' of a functional test must be at most 5m, got '10m'",
     "split a long check into several tests"},
    {"name: s\ncases:\n  - name: c\n    artifact: a.bpf.o\n"
     "    test: {command: y, expect: {exit_code: 0, stdout: z}}\n",
     "5:47", "in case 'c' → test → expect: unknown key 'stdout'",
     "did you mean 'stdout_contains'?"},
    {"name: s\ncases:\n  - name: c\n    artifact: a.bpf.o\n    manifest: m.yaml\n"
     "    test: {command: y}\n",
     "6:11", "the manifest of case 'c' already has a test named 'c-behavior'",
     "rename that functional test or move the test block into the manifest"},
};

std::string expand(std::string text, const std::string& dir) {
  for (auto at = text.find("{dir}"); at != std::string::npos; at = text.find("{dir}")) {
    text.replace(at, 5, dir);
  }
  return text;
}

TEST(Suite, ReportsEachRuleViolationAtItsPosition) {
  for (const auto& c : kErrorCases) {
    SuiteFile file(c.yaml);
    std::string message = file.error();
    std::string head =
        file.path() + ":" + c.where + ": error: " + expand(c.message, file.dir()) + "\n";
    EXPECT_NE(message.find(head), std::string::npos) << "yaml:\n"
                                                     << c.yaml << "want: " << head << "got:\n"
                                                     << message;
    EXPECT_EQ(count_occurrences(message, ": error: "), 1u) << message;
    std::string hint = expand(c.hint, file.dir());
    if (!hint.empty()) {
      EXPECT_NE(message.find("\nhint: " + hint), std::string::npos) << message;
    }
  }
}

// The suite takes exactly the spellings the CLI's --mode takes (parse_case_mode), `behaviour`
// included, in defaults, cases and a test block.
TEST(Suite, AcceptsEveryModeSpellingOfTheCommandLine) {
  for (const char* spelling : {"load_only", "load-only", "loadonly", "load_attach", "load-attach",
                               "loadattach", "behavior", "behaviour"}) {
    SuiteFile file(
        fmt::format("name: s\ndefaults: {{mode: {0}}}\ncases:\n  - {{name: a, artifact: a.bpf.o, "
                    "validation_mode: {0}}}\n  - {{name: b, artifact: a.bpf.o}}\n",
                    spelling));
    auto s = load_suite(file.path());
    ASSERT_TRUE(s) << spelling << ": " << s.error().message;
    EXPECT_EQ(s->defaults.mode, parse_case_mode(spelling)) << spelling;
    EXPECT_EQ(s->cases[0].mode, parse_case_mode(spelling)) << spelling;
    EXPECT_EQ(s->cases[1].mode, parse_case_mode(spelling)) << spelling;
  }
  SuiteFile file(
      "name: s\ncases:\n  - {name: c, artifact: a.bpf.o, mode: behaviour, "
      "test: {mode: behaviour, command: y}}\n");
  auto s = load_suite(file.path());
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->cases[0].mode, CaseMode::kBehavior);
}

TEST(Suite, EmptyDocumentIsAnError) {
  SuiteFile file("");
  EXPECT_EQ(file.error(), file.path() + ": empty suite; expected 'name:' and 'cases:'");
}

TEST(Suite, MissingFileIsInvalidInputNamingThePath) {
  auto s = load_suite("/nonexistent/suite.yaml");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(s.error().message.find("/nonexistent/suite.yaml"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat::config
