// Artifact manifest files (field names as the reference tool's): what a loader does at run time
// that the object alone does not say — map sizes, program types, variants, functional tests.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/core/result.h"

namespace bpfcompat::config {

struct ManifestAttach {
  std::string kind;  // "", tracepoint, raw_tracepoint, kprobe, kretprobe, fentry, fexit, xdp, tc,
                     // cgroup, lsm, uprobe
  std::string category, name, symbol;  // informational
  std::optional<bool> required;        // unset: as the mode says
};

struct ManifestProgram {
  std::string name;
  std::string section;  // informational
  std::string type;     // informational
  ManifestAttach attach;
};

struct InnerMapSpec {
  std::string type;  // hash, array, lru_hash, percpu_hash, percpu_array, lru_percpu_hash
  unsigned key_size = 0;
  unsigned value_size = 0;
  unsigned max_entries = 0;
};

// A runtime-sized map: at least one of the four is set.
struct ManifestMap {
  std::string name;
  std::optional<unsigned> max_entries;  // a number
  bool max_entries_cpus = false;        // `max_entries: cpus` (possible CPUs on the target)
  std::optional<unsigned> value_size;   // bytes (a stack-trace map's frames × 8, ...)
  std::optional<unsigned> inner_ringbuf_bytes;
  std::optional<InnerMapSpec> inner_map;
};

struct ProgramTypeOverride {
  std::string program;  // program name or ELF section
  std::string type;     // socket_filter, kprobe, tracepoint, raw_tracepoint, xdp, perf_event,
                        // cgroup_skb, cgroup_sock, sched_cls, sched_act, sk_skb, sk_msg, tracing,
                        // lsm
};

struct VariantProgram {
  std::string name;
  int requires_helper = 0;           // helper id; 0: unconditional fallback
  std::string requires_helper_name;  // as written, for messages
  bool trial_load = false;           // `probe: trial_load`
};

struct ProgramVariantGroup {
  std::string group;
  std::vector<VariantProgram> programs;  // priority order
};

struct FunctionalTest {
  std::string name;
  std::string command;  // run with /bin/sh -c as root, while the links are alive
  bool required = true;
  std::chrono::seconds timeout{10};
  int expect_exit_code = 0;
  std::string expect_stdout_contains;
  std::string expect_stderr_contains;
};

struct Manifest {
  std::string path;  // absolute; empty for a manifest built in code
  std::string name;
  std::vector<ManifestProgram> programs;
  std::vector<ManifestMap> maps;
  std::vector<ProgramTypeOverride> program_types;
  std::vector<ProgramVariantGroup> program_variants;
  std::vector<std::string> probe_companions;
  std::vector<std::string> required_profiles;
  std::vector<FunctionalTest> functional_tests;

  // True when any program's attach.required is true (the reference's "attach mode required").
  bool attach_required() const;
  // Programs whose attach the manifest marks optional (attach.required: false).
  std::vector<std::string> attach_optional_programs() const;
};

// Parses a manifest. Unknown keys, wrong types and rule violations (see the reference's table:
// unique names, 0–255 exit codes, timeouts 1s–5m, single-line commands ≤ 1000 chars, at most 32
// functional tests, known helper names or positive ids, …) are collected in one pass and returned
// as one kInvalidInput error with file:line:col diagnostics and "did you mean" hints.
Result<Manifest> load_manifest(const std::string& path);

// Helper name → id for `requires_helper` (bpf_probe_read_kernel, bpf_ringbuf_output,
// bpf_ringbuf_reserve, bpf_get_current_task_btf, bpf_loop, …); 0 when unknown.
int helper_id(const std::string& name);

}  // namespace bpfcompat::config
