#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bpfcompat/config/manifest.h"
#include "bpfcompat/core/temp_dir.h"
#include "support/text.h"

namespace bpfcompat::config {
namespace {

using testing::count_occurrences;
using testing::write_scratch;

// Writes `yaml` to a fresh m.yaml and returns load_manifest's error message ("" if it loaded).
class ManifestFile {
 public:
  explicit ManifestFile(const std::string& yaml) : dir_(TempDir::create("manifest-test").value()) {
    path_ = dir_.path() + "/m.yaml";
    write_scratch(path_, yaml);
  }
  const std::string& path() const { return path_; }
  std::string error() const {
    auto m = load_manifest(path_);
    if (m) return {};
    EXPECT_EQ(m.error().kind, ErrorKind::kInvalidInput);
    return m.error().message;
  }

 private:
  TempDir dir_;
  std::string path_;
};

TEST(Manifest, RejectsUnknownKeyWithLineCaretAndSuggestion) {
  ManifestFile file("name: x\nprograms:\n  - name: a\n    atach: {kind: xdp}\n");
  EXPECT_EQ(file.error(), file.path() +
                              ":4:5: error: unknown key 'atach'\n"
                              "    4 |     atach: {kind: xdp}\n"
                              "      |     ^\n"
                              "hint: did you mean 'attach'?");
}

struct ErrorCase {
  const char* yaml;
  const char* where;    // line:col
  const char* message;  // after "error: "
  const char* hint;     // empty: no hint line
};

const std::vector<ErrorCase> kErrorCases = {
    {"name: x\nprogramz: []\n", "2:1", "unknown key 'programz'", "did you mean 'programs'?"},
    {"programs:\n  - name: a\n    attach: {kind: xdp, requird: true}\n", "3:25",
     "in program 'a' → attach: unknown key 'requird'", "did you mean 'required'?"},
    {"programs:\n  - name: a\n    attach: {kind: kprob}\n", "3:20",
     "in program 'a' → attach: unknown attach kind 'kprob'",
     "did you mean 'kprobe'? expected one of: tracepoint, raw_tracepoint, kprobe, kretprobe, "
     "fentry, fexit, xdp, tc, cgroup, lsm, uprobe"},
    {"programs:\n  - name: a\n    attach: {required: \"yes\"}\n", "3:24",
     "in program 'a' → attach: 'required' must be true or false, not the string \"yes\"",
     "remove the quotes"},
    {"programs:\n  - name: a\n  - name: a\n", "3:11", "duplicate program name 'a'",
     "it is first used on line 2"},
    {"programs:\n  - section: xdp\n", "2:5", "program entry has no 'name'",
     "add 'name:' with the program's function name"},
    {"programs: on_exec\n", "1:11", "'programs' must be a list, not a string",
     "write each entry on its own line, e.g. '- name: on_exec'"},
    {"programs:\n  - on_exec\n", "2:5", "'programs' entry #1 must be a mapping",
     "write '- name: on_exec'"},
    {"maps:\n  - name: \"my map\"\n    max_entries: 1\n", "2:11", "invalid map name 'my map'",
     "use 1 to 64 characters: letters, digits, '_', '.'"},
    {"maps:\n  - name: m\n    max_entries: 0\n", "3:18",
     "'max_entries' must be a positive integer, got '0'",
     "write a plain whole number of at least 1"},
    {"maps:\n  - name: m\n    max_entries: cpu\n", "3:18",
     "'max_entries' must be a positive integer or 'cpus', got 'cpu'", "did you mean 'cpus'?"},
    {"maps:\n  - name: m\n    max_entries: 4294967296\n", "3:18",
     "'max_entries' is too large: 4294967296 (at most 4294967295)",
     "write a plain whole number of at least 1"},
    {"maps:\n  - name: m\n    inner_ringbuf_bytes: -1\n", "3:26",
     "'inner_ringbuf_bytes' must be a positive integer, got '-1'",
     "write a plain whole number of at least 1"},
    {"maps:\n  - name: m\n    inner_ringbuf_bytes: \"4096\"\n", "3:26",
     "'inner_ringbuf_bytes' must be a positive integer, not a string",
     "remove the quotes: a quoted number is a string"},
    {"maps:\n  - name: m\n", "2:5", "map 'm' sets nothing",
     "set at least one of max_entries, value_size, inner_ringbuf_bytes or inner_map"},
    {"maps:\n  - name: m\n    value_size: 0\n", "3:17",
     "'value_size' must be a positive integer, got '0'",
     "write a plain whole number of at least 1"},
    {"maps:\n  - name: m\n    value_size: -8\n", "3:17",
     "'value_size' must be a positive integer, got '-8'",
     "write a plain whole number of at least 1"},
    {"maps:\n  - name: m\n    value_size: big\n", "3:17",
     "'value_size' must be a positive integer, got 'big'",
     "write a plain whole number of at least 1"},
    {"maps:\n  - name: m\n    value_size: \"1016\"\n", "3:17",
     "'value_size' must be a positive integer, not a string",
     "remove the quotes: a quoted number is a string"},
    {"maps:\n  - name: m\n    value_size: 4294967296\n", "3:17",
     "'value_size' is too large: 4294967296 (at most 4294967295)",
     "write a plain whole number of at least 1"},
    {"maps:\n  - name: m\n    value_size:\n", "3:5",
     "'value_size' is empty; expected a positive integer",
     "write a plain whole number of at least 1"},
    {"maps:\n  - name: m\n    max_entries: 1\n  - name: m\n    max_entries: 2\n", "4:11",
     "duplicate map name 'm'", "it is first used on line 2"},
    {"maps:\n  - name: m\n    inner_map: {type: hashmap, value_size: 4, max_entries: 1}\n", "3:23",
     "in map 'm' → inner_map: unknown inner map type 'hashmap'",
     "expected one of: hash, array, lru_hash, percpu_hash, percpu_array, lru_percpu_hash"},
    {"maps:\n  - name: m\n    inner_map: {type: hash, value_size: 0, max_entries: 1}\n", "3:41",
     "in map 'm' → inner_map: 'value_size' must be a positive integer, got '0'",
     "write a plain whole number of at least 1"},
    {"maps:\n  - name: m\n    inner_map: {type: hash, value_size: 4}\n", "3:16",
     "in map 'm' → inner_map: 'inner_map' has no 'max_entries'", "it must be a positive integer"},
    {"program_types:\n  - {program: \"a b\", type: xdp}\n", "2:15",
     "invalid program selector 'a b'",
     "use 1 to 128 characters: letters, digits, '_', '.', '/', '-'"},
    {"program_types:\n  - {program: socket1, type: socket_filtr}\n", "2:30",
     "unknown program type 'socket_filtr'",
     "did you mean 'socket_filter'? expected one of: socket_filter, kprobe, tracepoint, "
     "raw_tracepoint, xdp, perf_event, cgroup_skb, cgroup_sock, sched_cls, sched_act, sk_skb, "
     "sk_msg, tracing, lsm"},
    {"program_types:\n  - {program: socket1}\n", "2:5", "program type entry has no 'type'",
     "add 'type:'"},
    {"program_variants:\n  - group: g\n    programs:\n      - name: p\n  - group: g\n"
     "    programs:\n      - name: q\n",
     "5:12", "duplicate variant group 'g'", "it is first used on line 2"},
    {"program_variants:\n  - group: g1\n    programs:\n      - name: p\n  - group: g2\n"
     "    programs:\n      - name: p\n",
     "7:15", "program 'p' is already in group 'g1'",
     "a program may appear once, in one group (first on line 4)"},
    {"program_variants:\n  - group: g\n    programs: []\n", "3:15", "group 'g' has no programs",
     "list at least one program"},
    {"program_variants:\n  - group: g\n    programs:\n      - {name: p, requires_helper: "
     "bpf_lop}\n",
     "4:36", "unknown helper 'bpf_lop'",
     "did you mean 'bpf_loop'? name a helper as in bpf_helpers.h (e.g. bpf_loop) or give its "
     "numeric id"},
    {"program_variants:\n  - group: g\n    programs:\n      - {name: p, requires_helper: loop}\n",
     "4:36", "unknown helper 'loop'",
     "did you mean 'bpf_loop'? name a helper as in bpf_helpers.h (e.g. bpf_loop) or give its "
     "numeric id"},
    {"program_variants:\n  - group: g\n    programs:\n      - {name: p, requires_helper: 0}\n",
     "4:36", "'requires_helper' must be a positive integer, got '0'",
     "write a plain whole number of at least 1"},
    {"program_variants:\n  - group: g\n    programs:\n      - {name: p, probe: trial}\n", "4:26",
     "unknown probe 'trial'", "did you mean 'trial_load'? expected one of: trial_load"},
    {"probe_companions: [tail_0, a-b]\n", "1:28", "invalid program name 'a-b'",
     "use 1 to 64 characters: letters, digits, '_', '.'"},
    {"required_profiles: [debian-12, debian-12]\n", "1:32",
     "duplicate required profile 'debian-12'", "it is first used on line 1"},
    {"required_profiles: [debian-12, \"\"]\n", "1:32",
     "'required_profiles' is empty; expected a string", ""},
    {"functional_tests:\n  - name: t\n    command: \"a\\nb\"\n", "3:14",
     "'command' must be a single line",
     "join the commands with ';' or '&&', or move them into a script"},
    {"functional_tests:\n  - name: t\n    command: \"a\\tb\"\n", "3:14",
     "'command' contains a tab character", "use spaces instead"},
    {"functional_tests:\n  - name: t\n    command: x\n    expect_stdout_contains: \"a\\tb\"\n",
     "4:29", "'expect_stdout_contains' contains a tab character", "use spaces instead"},
    {"functional_tests:\n  - name: t\n    command: x\n    timeout: 6m\n", "4:14",
     "'timeout' of a functional test must be at most 5m, got '6m'",
     "split a long check into several tests"},
    {"functional_tests:\n  - name: t\n    command: x\n    timeout: 0\n", "4:14",
     "invalid duration '0': it must be positive; use whole seconds (120) or h/m/s units in that "
     "order (90s, 5m, 1m30s, 1h)",
     ""},
    {"functional_tests:\n  - name: t\n    command: x\n    expect_exit_code: 256\n", "4:23",
     "'expect_exit_code' must be an integer from 0 to 255, got '256'",
     "write a plain whole number from 0 to 255"},
    {"functional_tests:\n  - name: t\n    command: x\n    expect_exit_code: -1\n", "4:23",
     "'expect_exit_code' must be an integer from 0 to 255, got '-1'",
     "write a plain whole number from 0 to 255"},
    {"functional_tests:\n  - name: t\n", "2:5", "functional test 't' has no 'command'",
     "add 'command:' with a shell command run as root in the guest"},
    {"functional_tests:\n  - {name: t, command: x}\n  - {name: t, command: y}\n", "3:12",
     "duplicate functional test name 't'", "it is first used on line 2"},
    {"functional_tests:\n  - {name: t, command: x, expect_stdout: y}\n", "2:27",
     "unknown key 'expect_stdout'", "did you mean 'expect_stdout_contains'?"},
    {"metadata: [a]\n", "1:11", "'metadata' must be a mapping, not a list",
     "free-form keys and values, e.g. 'metadata: {owner: team-x}'"},
    {"- name: a\n", "1:1", "a manifest must be a mapping", "start it with 'name:' or 'programs:'"},
};

TEST(Manifest, ReportsEachRuleViolationAtItsPosition) {
  for (const auto& c : kErrorCases) {
    ManifestFile file(c.yaml);
    std::string message = file.error();
    std::string head = file.path() + ":" + c.where + ": error: " + c.message + "\n";
    EXPECT_NE(message.find(head), std::string::npos) << "yaml:\n"
                                                     << c.yaml << "want: " << head << "got:\n"
                                                     << message;
    EXPECT_EQ(count_occurrences(message, ": error: "), 1u) << message;
    if (*c.hint != '\0') {
      EXPECT_NE(message.find(std::string("\nhint: ") + c.hint), std::string::npos) << message;
    } else {
      EXPECT_EQ(message.find("hint:"), std::string::npos) << message;
    }
  }
}

TEST(Manifest, RejectsMoreThan32FunctionalTests) {
  std::string yaml = "functional_tests:\n";
  for (int i = 0; i < 33; ++i) yaml += "  - {name: t" + std::to_string(i) + ", command: x}\n";
  ManifestFile file(yaml);
  EXPECT_NE(
      file.error().find(file.path() + ":2:3: error: too many functional tests: 33 (at most 32)"),
      std::string::npos)
      << file.error();
}

TEST(Manifest, RejectsCommandsLongerThan1000Bytes) {
  std::string ok = "functional_tests:\n  - name: t\n    command: " + std::string(1000, 'x') + "\n";
  EXPECT_EQ(ManifestFile(ok).error(), "");
  std::string yaml =
      "functional_tests:\n  - name: t\n    command: " + std::string(1001, 'x') + "\n";
  ManifestFile file(yaml);
  EXPECT_NE(file.error().find(":3:14: error: 'command' is too long: 1001 bytes (at most 1000)"),
            std::string::npos)
      << file.error();
}

TEST(Manifest, CollectsAllErrorsInOnePass) {
  ManifestFile file(
      "nmae: x\n"
      "maps:\n"
      "  - name: m\n"
      "    max_entries: 0\n"
      "functional_tests:\n"
      "  - name: t\n"
      "    command: x\n"
      "    expect_exit_code: 300\n");
  std::string message = file.error();
  const std::vector<std::string> heads = {
      ":1:1: error: unknown key 'nmae'", ":4:18: error: 'max_entries' must be a positive integer",
      ":8:23: error: 'expect_exit_code' must be an integer from 0 to 255"};
  std::size_t last = 0;
  for (const auto& head : heads) {
    auto at = message.find(file.path() + head);
    ASSERT_NE(at, std::string::npos) << head << "\n" << message;
    EXPECT_GE(at, last) << "out of order: " << head;
    last = at;
  }
  EXPECT_EQ(count_occurrences(message, ": error: "), heads.size());
  EXPECT_NE(message.find("hint: did you mean 'name'?"), std::string::npos);
}

TEST(Manifest, EmptyDocumentIsAnError) {
  ManifestFile file("# nothing\n");
  EXPECT_EQ(file.error(), file.path() +
                              ": empty manifest; expected keys such as 'programs', 'maps' or "
                              "'functional_tests'");
}

TEST(Manifest, MissingFileIsInvalidInputNamingThePath) {
  auto m = load_manifest("/nonexistent/manifest.yaml");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(m.error().message.find("/nonexistent/manifest.yaml"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat::config
