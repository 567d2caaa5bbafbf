// `bpfcompat test`, `test-command` and `suite`: cases × matrix → one boot per kernel →
// verdicts → reports → exit code.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/app/events.h"
#include "bpfcompat/classify/verdict.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/vm/accelerator.h"

namespace bpfcompat::app {

// Command mode: a shell command run as root in every guest; verdict = its exit code.
struct CommandOptions {
  std::string command;
  std::string binary;  // shipped as $BPFCOMPAT_BIN (optional)
  int expect_exit = 0;
};

struct TestOptions {
  std::vector<std::string> artifacts;      // .bpf.o paths (with a command: at most one, optional)
  std::string manifest_path;               // --manifest, for every artifact
  std::optional<CommandOptions> command;   // test --command / test-command
  std::string suite_path;                  // run_suite only
  std::optional<std::string> matrix_path;  // none: the built-in default matrix
  std::string out_json;                    // empty: <run dir>/report.json only
  std::string out_markdown;
  std::string out_junit;
  std::string out_html;
  std::string github_step_summary;  // $GITHUB_STEP_SUMMARY: the job summary is appended to it
  int shard_index = 0;              // --shard I/N; 0: all profiles
  int shard_count = 0;
  int jobs = 0;                       // 0: from cores and memory
  std::chrono::seconds timeout{300};  // per target (one boot of one kernel)
  vm::Accel accel = vm::Accel::kAuto;
  std::string cache_dir;  // empty: sources::Cache::default_root()
  std::string workdir = ".bpfcompat";
  bool keep = false;  // keep initramfs and work files
  // none: load_attach, or behavior when a manifest has functional tests (the reference's rule)
  std::optional<classify::Mode> mode;
  std::string validator;                           // empty: located next to the executable
  std::string qemu_binary = "qemu-system-x86_64";  // $BPFCOMPAT_QEMU overrides it in the CLI
  std::string exe_path;                            // argv[0] resolved, to locate the validator
};

struct TestOutcome {
  int exit_code = 1;
  std::string report_json_path;
  std::string summary;  // the stdout table
};

// Invalid input (missing/non-ELF artifact, bad matrix or manifest, a dynamically linked binary
// for the kernel lane) returns a kInvalidInput error before anything is booted or written.
// Otherwise always produces a report, even when interrupted.
Result<TestOutcome> run_test(const TestOptions& options, EventSink& events);

// The suite at options.suite_path: every case, grouped so that each profile boots once for all
// the cases whose matrix has it. Exit code rolls up as the reference tool's (see
// report::suite_exit_code).
Result<TestOutcome> run_suite(const TestOptions& options, EventSink& events);

// Default --jobs: one VM per core, at most one per ~400 MiB of available memory, ≥ 1.
int default_jobs();

}  // namespace bpfcompat::app
