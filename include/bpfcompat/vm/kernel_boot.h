// Boots one kernel under QEMU and collects the validator's result stream: supervision,
// deadline, end-marker detection, evidence files.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "bpfcompat/core/result.h"
#include "bpfcompat/core/subprocess.h"
#include "bpfcompat/vm/qemu_args.h"

namespace bpfcompat::vm {

struct BootRequest {
  QemuConfig qemu;       // console_log/results_path must be set
  std::string qemu_log;  // QEMU's own stdout/stderr
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
};

struct BootOutcome {
  bool end_marker = false;  // the validator's "end" record arrived
  bool timed_out = false;
  bool cancelled = false;
  ExitStatus qemu_exit;      // when QEMU exited by itself
  std::string results;       // the whole result stream (JSON lines)
  std::string console_tail;  // last 64 lines of the console
  std::chrono::milliseconds duration{0};
  std::vector<std::string> argv;  // the exact QEMU command line
};

// The QEMU binary (a path, or a name looked up in PATH) can be executed; else an infrastructure
// error QEMU_MISSING saying what to install.
Result<void> require_qemu(const std::string& binary);

// Starts QEMU, waits until it exits, the end marker is seen (then QEMU is stopped at once:
// the VM is disposable), the timeout passes or the run is cancelled. QEMU never outlives this
// call. Returns an error only when QEMU cannot be started at all.
Result<BootOutcome> boot_kernel(const BootRequest& request);

}  // namespace bpfcompat::vm
