// `bpfcompat test`, `test-command` and `suite`: a plan request → one boot per kernel → one
// report and its exit code. The app never prints and never writes the user's outputs: it
// returns the report (and keeps its evidence under the run directory).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "bpfcompat/app/events.h"
#include "bpfcompat/config/suite.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/plan/planner.h"
#include "bpfcompat/report/report.h"
#include "bpfcompat/vm/accelerator.h"

namespace bpfcompat::app {

// How to run (what to run is the PlanRequest). Unset values fall back to the suite's
// defaults, then to the built-in ones.
struct RunSettings {
  std::optional<int> jobs;                      // parallel VMs; default from cores and memory
  std::optional<std::chrono::seconds> timeout;  // per target (one boot); default 300 s
  std::optional<std::string> workdir;           // run directories; default ".bpfcompat"
  vm::Accel accel = vm::Accel::kAuto;
  std::string cache_dir;  // empty: sources::Cache::default_root()
  bool keep = false;      // keep initramfs and work files
  std::string validator;  // empty: located next to the executable
  std::string qemu_binary = "qemu-system-x86_64";
  std::string exe_path;        // argv[0], to locate the validator
  bool fail_on_stale = false;  // a stale required profile makes a passing run exit 3
};

struct RunOutcome {
  report::RunReport report;  // also written to <run dir>/report.json
  int exit_code = 1;         // report::report_exit_code (the suite roll-up, the stale gate)
  std::string report_json_path;
};

// Invalid input (files, artifacts, loaders, matrices: every problem at once) and a machine that
// cannot run the plan (no validator, no QEMU, no busybox when a case needs a shell) are errors
// before anything boots. Otherwise there is always a report, even when interrupted.
Result<RunOutcome> run(const plan::PlanRequest& request, const RunSettings& settings,
                       EventSink& events);

// Default --jobs: one VM per core, at most one per ~400 MiB of available memory, ≥ 1.
int default_jobs();

// The settings a suite's defaults complete (the CLI's values win).
RunSettings with_suite_defaults(RunSettings settings, const config::SuiteDefaults& defaults);

}  // namespace bpfcompat::app
