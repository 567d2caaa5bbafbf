// Host side of the validator protocol (docs/validator-protocol.md): the parsed result stream.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpfcompat/core/result.h"

namespace bpfcompat::validation {

inline constexpr int kProtocolVersion = 1;

struct ModuleLoad {
  std::string path;
  bool ok = false;
  int err = 0;
};

struct GuestFacts {
  int protocol = 0;
  std::string validator_version;
  std::string libbpf_version;
  std::string kernel_release;
  std::string kernel_version;
  std::string machine;
  bool btf_vmlinux = false;
  bool btf_hidden = false;      // the bpfcompat.hide_btf=1 test knob hid the kernel's BTF
  std::string btf_custom_path;  // --btf: external vmlinux BTF handed to libbpf, "" none
  std::string lockdown;
  int unprivileged_bpf_disabled = -1;
  std::string lsm;
  bool bpf_lsm_active = false;
  std::vector<ModuleLoad> modules;
  long uptime_ms = -1;
};

struct LoadResult {
  bool ok = false;
  int err = 0;  // positive errno
  long insns_processed = -1;
  std::string verifier_tail;
  std::string libbpf_tail;
};

struct AttachResult {
  std::string status;  // ok | failed | skipped | not_run
  std::string method;  // auto | xdp | tc | tcx | cgroup | socket | iter | ...
  int err = 0;
  std::string reason;
  std::string libbpf_tail;
  bool isolated = false;  // attached alone: it shares a one-program attach point with another
  std::string note;       // how the attach was sequenced (set when isolated)
  // fentry/fexit/fmod_ret failures: the target is in available_filter_functions (unknown: none)
  std::optional<bool> target_traceable;
};

struct HelperUse {
  int id = 0;
  std::string name;
  std::optional<bool> supported;
};

struct ProgramResult {
  std::string name;
  std::string section;
  int type = 0;
  std::string type_name;
  int expected_attach_type = 0;
  std::string attach_type_name;
  std::optional<bool> prog_type_supported;
  std::vector<HelperUse> helpers;
  LoadResult load;
  AttachResult attach;
};

struct MapResult {
  std::string name;
  int type = 0;
  std::string type_name;
  long long max_entries = 0;
  std::optional<bool> supported;
  long long value_size = -1;  // -1: not reported
};

struct KfuncUse {
  std::string name;
  bool found = false;
};

// One functional test (behavior mode) or the command of a command case.
struct TestRun {
  std::string name;
  bool required = true;
  std::string status;  // pass | fail | not_run
  int exit_code = -1;  // 124 on timeout, 128+N when killed by signal N
  int expect_exit = 0;
  bool timed_out = false;
  long duration_ms = 0;
  std::string stdout_tail;  // last 4 KiB
  std::string stderr_tail;
  std::string error;  // why it failed: "exit 1, expected 0", "stdout lacks 'x'", "not run: ..."
};

struct FunctionalResult {
  std::string status;  // pass | fail | warn (only optional tests failed) | skipped (no tests)
  std::vector<TestRun> tests;
};

// What the manifest changed before the object load.
struct FixupResult {
  std::string kind;    // map | program_type | variant | companion
  std::string target;  // map or program name; for variant: the group
  bool ok = false;
  std::string detail;  // e.g. "max_entries 0 → 2", "chose recv_batch_legacy: bpf_loop missing"
};

struct ArtifactResult {
  std::string name;  // the case name (the artifact's name for plain NAME=PATH arguments)
  std::string path;
  bool is_case = false;  // the record comes from a case plan (`--case`)
  std::string mode;      // load_only | load_attach | behavior | command ("" from old validators)
  std::string status;    // done | timeout | crashed | error (a case plan the validator rejected)
  std::string error;     // status error: what is wrong with the plan
  int signal = 0;
  long duration_ms = 0;
  bool open_ok = false;
  int open_err = 0;
  std::string open_log;
  bool btf = false;
  bool btf_ext = false;
  std::vector<MapResult> maps;
  std::vector<KfuncUse> kfuncs;
  std::vector<ProgramResult> programs;
  LoadResult object_load;
  std::vector<FixupResult> fixups;             // case plans with a manifest
  std::vector<std::string> variant_disabled;   // programs a variant group turned off (not loaded)
  std::optional<FunctionalResult> functional;  // behavior mode
  std::optional<TestRun> command;              // command cases: the command's run
};

struct ValidatorRun {
  std::optional<GuestFacts> hello;
  std::vector<ArtifactResult> artifacts;
  bool ended = false;
  long duration_ms = 0;
  std::vector<std::string> warnings;  // lines that were not valid records
};

// Parses a JSON-lines stream. Tolerates \r, blank lines and noise (kept as warnings). Fails
// (kInfrastructure) only when the hello record announces a protocol other than ours.
Result<ValidatorRun> parse_validator_output(std::string_view text);

}  // namespace bpfcompat::validation
