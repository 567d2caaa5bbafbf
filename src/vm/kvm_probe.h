// Proves (or disproves) that KVM can run a guest here: opens /dev/kvm, then runs the probe
// firmware (probe_firmware.h) under KVM with a deadline.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "bpfcompat/core/result.h"
#include "bpfcompat/core/subprocess.h"
#include "probe_firmware.h"

namespace bpfcompat::vm {

struct ProbeOutcome {
  bool usable = false;
  std::string reason;       // what happened, one line, in words a user can act on
  std::string qemu_output;  // QEMU's raw words when it failed (an assertion, a register dump)
};

struct ProbeRun {
  bool timed_out = false;
  ExitStatus status;
  std::string output;  // everything QEMU printed (stdout and stderr)
  bool guest_ran() const { return !timed_out && status.code == kProbeGuestExitCode; }
};

// One line for a probe guest that did not run: how QEMU ended and its first line of output,
// shortened (the whole output belongs in the evidence, not in this line).
std::string describe_probe_failure(const ProbeRun& run);

// Runs the probe firmware under the given accelerator arguments (e.g. {"-accel", "kvm",
// "-cpu", "host"}), killing QEMU after `deadline`. Errors only when QEMU cannot be spawned.
Result<ProbeRun> run_probe_guest(const std::string& qemu_binary,
                                 const std::vector<std::string>& accel_args,
                                 std::chrono::milliseconds deadline);

// The full KVM probe: /dev/kvm access, then run_probe_guest under KVM with a 3 s deadline.
ProbeOutcome probe_kvm(const std::string& qemu_binary, const std::string& dev_kvm = "/dev/kvm");

}  // namespace bpfcompat::vm
