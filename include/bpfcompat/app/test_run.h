// `bpfcompat test`: artifacts × matrix → booted kernels → verdicts → reports → exit code.
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

struct TestOptions {
  std::vector<std::string> artifacts;      // .bpf.o paths
  std::optional<std::string> matrix_path;  // none: the built-in default matrix
  std::string out_json;                    // empty: <run dir>/report.json only
  std::string out_markdown;
  int jobs = 0;                       // 0: from cores and memory
  std::chrono::seconds timeout{300};  // per target (one boot of one kernel)
  vm::Accel accel = vm::Accel::kAuto;
  std::string cache_dir;  // empty: sources::Cache::default_root()
  std::string workdir = ".bpfcompat";
  bool keep = false;  // keep initramfs and work files
  classify::Mode mode = classify::Mode::kLoadAttach;
  std::string validator;                           // empty: located next to the executable
  std::string qemu_binary = "qemu-system-x86_64";  // $BPFCOMPAT_QEMU overrides it in the CLI
  std::string exe_path;                            // argv[0] resolved, to locate the validator
};

struct TestOutcome {
  int exit_code = 1;
  std::string report_json_path;
  std::string summary;  // the stdout table
};

// Invalid input (missing/non-ELF artifact, bad matrix) returns a kInvalidInput error before
// anything is booted or written. Otherwise always produces a report, even when interrupted.
Result<TestOutcome> run_test(const TestOptions& options, EventSink& events);

// Default --jobs: one VM per core, at most one per ~400 MiB of available memory, ≥ 1.
int default_jobs();

}  // namespace bpfcompat::app
