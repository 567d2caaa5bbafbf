// Host side of the validator's case plans (docs/validator-protocol.md, "Case plans"): what one
// case asks the validator to do — an artifact with manifest fixups and functional tests, or a
// shell command — rendered into the file the validator reads with `--case PATH`.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace bpfcompat::validation {

struct PlanMap {
  std::string name;
  long long max_entries = -1;  // -1: keep the object's; 0 is never written
  bool max_entries_cpus = false;
  long long value_size = 0;           // 0: keep the object's
  long long inner_ringbuf_bytes = 0;  // 0: none
  std::string inner_map_type;         // empty: none; hash, array, lru_hash, ...
  unsigned inner_key_size = 0, inner_value_size = 0, inner_max_entries = 0;
};

struct PlanProgramType {
  std::string selector;  // program name or ELF section
  std::string type;      // socket_filter, kprobe, ... (the manifest's names)
};

struct PlanVariant {
  std::string group;
  std::string program;
  int requires_helper = 0;  // 0: none
  bool trial_load = false;
};

struct PlanTest {
  std::string name;
  std::string command;
  bool required = true;
  int timeout_sec = 10;
  int expect_exit = 0;
  std::string expect_stdout;
  std::string expect_stderr;
};

struct PlanCommand {
  std::string command;
  int expect_exit = 0;
  int timeout_sec = 60;
};

struct CasePlan {
  std::string name;      // the case name; the result record's "name"
  std::string artifact;  // guest path of the object; empty for a command case without one
  std::string mode;      // load_only | load_attach | behavior | command
  std::vector<PlanMap> maps;
  std::vector<PlanProgramType> program_types;
  std::vector<PlanVariant> variants;  // in priority order within each group
  std::vector<std::string> companions;
  std::vector<std::string> attach_optional;  // failed attaches that do not stop the tests
  std::vector<PlanTest> tests;
  std::vector<std::pair<std::string, std::string>> env;  // exported to tests and the command
  PlanCommand command;                                   // mode "command" only
};

// The plan file's text (first line "bpfcompat-case 1"; tab-separated fields; \\ \t \n escaped).
std::string render_case_plan(const CasePlan& plan);

}  // namespace bpfcompat::validation
