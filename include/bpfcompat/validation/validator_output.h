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
};

struct KfuncUse {
  std::string name;
  bool found = false;
};

struct ArtifactResult {
  std::string name;
  std::string path;
  std::string status;  // done | timeout | crashed
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
