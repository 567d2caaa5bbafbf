// One boot of a cloud-image target: overlay + seed + QEMU, SSH in with the pinned host key,
// copy the validator and the cases' files in, run it as root, copy the result out, kill the VM.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/core/result.h"
#include "bpfcompat/report/report.h"
#include "bpfcompat/transport/ssh_keys.h"
#include "bpfcompat/vm/cloud_vm.h"
#include "bpfcompat/vm/kernel_boot.h"
#include "case_staging.h"

namespace bpfcompat::app {

struct CloudAttemptSpec {
  vm::CloudVmRequest vm;  // seed_path, logs and work_dir set
  std::string ssh_user;
  const transport::SshKeyPair* client_key = nullptr;
  transport::SshKeyPair host_key;
  std::string instance_id;
  std::string validator_path;
  std::vector<GuestFile> files;             // artifacts, binaries, case plans
  std::vector<std::string> validator_args;  // --case-timeout N, --case PATH...
  std::string evidence_dir;
  std::string suffix;  // attempt_suffix()
  std::chrono::steady_clock::time_point deadline;
};

// What one boot produced: the validator's output as a BootOutcome (what the kernel lane
// produces too), or the stage that failed.
struct CloudAttempt {
  std::optional<vm::BootOutcome> outcome;
  std::string code;  // on failure: BOOT_TIMEOUT, GUEST_HOST_KEY_MISMATCH, TRANSFER_FAILED...
  Error error;
  bool retryable = false;
  bool validator_sent = false;
  std::string console_tail;
  std::vector<std::string> argv;  // the QEMU command line
  long ssh_ready_ms = 0;          // QEMU start → SSH session up
};

CloudAttempt run_cloud_attempt(const CloudAttemptSpec& spec);

}  // namespace bpfcompat::app
