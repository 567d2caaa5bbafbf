// One report model for a run, rendered as JSON (the contract, docs/report-schema.json),
// Markdown and the stdout summary table.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/classify/verdict.h"
#include "bpfcompat/core/result.h"
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

// One profile × artifact.
struct TargetReport {
  std::string profile_id;
  std::string artifact;  // artifact name
  bool required = true;
  std::string lane;              // kernel | cloud-image | host
  std::string requested_kernel;  // source description + resolved package version
  std::string observed_kernel;   // uname -r in the guest
  std::string accelerator;       // kvm | tcg
  classify::Verdict verdict;
  long duration_ms = 0;
  StageTimes stages;
  int attempts = 1;  // 2 when the boot was retried
  std::string retry_reason;
  bool btf_vmlinux = false;
  std::vector<ProgramReport> programs;
  Evidence evidence;
  std::string console_tail;  // only for error targets
};

struct ArtifactInfo {
  std::string name;
  std::string path;
  std::string sha256;
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
  std::string validator_sha256;
  std::string validator_version;
  std::vector<TargetReport> targets;
  bool interrupted = false;
};

// 0 every required target pass; 2 a required target fail; else 1 if a required target error;
// 130 when interrupted (and no required fail). 2 outranks 1. Optional targets never gate.
int exit_code(const RunReport& report);
// "pass" | "fail" | "error" for the run as a whole, consistent with exit_code.
std::string run_status(const RunReport& report);

std::string to_json(const RunReport& report);      // pretty, stable key order
std::string to_markdown(const RunReport& report);  // matrix at a glance, then failures only
std::string to_summary_table(const RunReport& report, bool color);  // stdout summary

}  // namespace bpfcompat::report
