// One report model for a run, rendered as JSON (the contract, docs/report-schema.json),
// Markdown and the stdout summary table.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/classify/verdict.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/report/freshness.h"
#include "bpfcompat/validation/validator_output.h"

namespace bpfcompat::report {

inline constexpr const char* kSchemaVersion = "1.0";

struct ProgramReport {
  std::string name;
  std::string section;
  std::string type;  // e.g. tracepoint
  classify::Verdict verdict;
  validation::LoadResult load;
  validation::AttachResult attach;
  std::vector<std::string> unsupported_helpers;
};

struct StageTimes {
  long prepare_ms = 0;  // kernel resolve/download/extract
  long initramfs_ms = 0;
  long boot_ms = 0;      // QEMU start → guest /init (from the validator's uptime)
  long validate_ms = 0;  // validator's own duration
  long total_ms = 0;
};

struct Evidence {
  std::string dir;
  std::string serial_log;
  std::string qemu_log;
  std::string validator_output;
  std::string qemu_cmdline;  // file with the exact command line
};

// One profile × case. A case is an artifact of `test` (named after its file) or a case of a
// suite (named in the suite file).
struct TargetReport {
  std::string profile_id;
  std::string artifact;  // the case name (for `test`: the artifact's file name)
  bool required = true;
  std::string lane;              // kernel | cloud-image | host
  std::string requested_kernel;  // source description + resolved package version
  std::string observed_kernel;   // uname -r in the guest
  // Which vendor kernel this is: the profile's distro and version ("almalinux", "9"), the
  // kernel's release read from its package ("5.14.0-427.13.1.el9_4.x86_64") and the resolved
  // image package with its version; "" when unknown (a local kernel has no package).
  std::string distro;
  std::string distro_version;
  std::string kernel_release;
  std::string kernel_package;
  std::string kernel_package_version;
  std::optional<Freshness> freshness;  // apt and rpm sources, once the kernel was prepared
  std::string accelerator;             // kvm | tcg
  classify::Verdict verdict;
  long duration_ms = 0;
  StageTimes stages;
  int attempts = 1;  // 2 when the boot was retried
  std::string retry_reason;
  bool btf_vmlinux = false;
  std::vector<ProgramReport> programs;
  Evidence evidence;
  std::string console_tail;  // only for error targets
  std::string mode;          // load_only | load_attach | behavior | command
  std::optional<validation::FunctionalResult> functional;  // behavior mode
  std::optional<validation::TestRun> command;              // command cases
  std::vector<validation::FixupResult> fixups;             // manifest fixups applied
};

struct ArtifactInfo {
  std::string name;
  std::string path;
  std::string sha256;
};

// What one case asked for; `test` has one case per artifact.
struct CaseInfo {
  std::string name;
  std::string artifact;        // artifact name ("" for a command case without one)
  std::string manifest;        // path, or ""
  std::string matrix;          // matrix name ("default" for the built-in one)
  std::string mode;            // load_only | load_attach | behavior | command
  std::string command_sha256;  // command cases: sha256 of the command text
  int expect_exit = 0;         // command cases
  std::string binary;          // command cases: the shipped binary's file name, or ""
  std::string binary_sha256;
};

struct RunReport {
  std::string schema_version = kSchemaVersion;
  std::string run_id;
  std::string started_at;  // RFC 3339 UTC
  std::string finished_at;
  std::string tool_version;
  std::string matrix_name;
  std::string matrix_path;
  std::string mode;  // load_only | load_attach | behavior
  std::string run_dir;
  std::vector<ArtifactInfo> artifacts;
  std::vector<CaseInfo> cases;  // one per artifact for `test`; the suite's cases for `suite`
  std::string suite_name;       // set by `suite`
  std::string suite_path;
  int shard_index = 0;  // --shard I/N (1-based); 0: not sharded
  int shard_count = 0;
  std::string validator_sha256;
  std::string validator_version;
  std::vector<TargetReport> targets;
  bool interrupted = false;
  bool fail_on_stale = false;  // --fail-on-stale: a stale required profile gates the run (3)
};

// 0 every required target pass; 2 a required target fail; else 1 if a required target error;
// 130 when interrupted (and no required fail). 2 outranks 1. Optional targets never gate. With
// fail_on_stale, a stale required profile makes an otherwise passing run 3.
int exit_code(const RunReport& report);
// Profiles whose freshness says stale, in report order, once each.
struct StaleProfile {
  std::string id;
  bool required = true;
  std::string tested;  // kernel_package_version
  std::string newest;
};
std::vector<StaleProfile> stale_profiles(const RunReport& report);
// "rocky-9.4 is pinned to 5.14.0-427.13.1.el9_4; the index has 5.14.0-427.42.1.el9_4"
std::string stale_sentence(const StaleProfile& p);
// "pass" | "fail" | "error" | "stale" for the run as a whole, consistent with exit_code.
std::string run_status(const RunReport& report);

std::string to_json(const RunReport& report);  // pretty, stable key order
// Reads a report written by to_json (any 1.x schema_version); kInvalidInput naming the file's
// problem otherwise. `source` names the file in messages.
Result<RunReport> from_json(const std::string& text, const std::string& source);
std::string to_markdown(const RunReport& report);  // matrix at a glance, then failures only
std::string to_summary_table(const RunReport& report, bool color);  // stdout summary

// Suite roll-up as the reference tool's: each case's exit code is computed over its own targets
// (as exit_code), then any case 1 → 1 (sticky), else any case 2 → 2, else 0; 130 if interrupted.
int suite_exit_code(const RunReport& report);
// exit_code over the case's targets only (the run's interrupted flag is not applied: a case cut
// short shows through its INTERRUPTED targets). A case without targets is 0.
int case_exit_code(const RunReport& report, const std::string& case_name);
// The exit code of the command that wrote the report: suite_exit_code when suite_name is set,
// else exit_code. The JSON's `status`/`exit_code` and the Markdown status line use it.
int report_exit_code(const RunReport& report);

}  // namespace bpfcompat::report
