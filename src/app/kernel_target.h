// One kernel-lane profile of a run: prepare the kernel, build the initramfs, boot (retrying a
// boot that ends without the end marker once), and judge every artifact from the one boot.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "bpfcompat/app/events.h"
#include "bpfcompat/classify/verdict.h"
#include "bpfcompat/config/matrix.h"
#include "bpfcompat/report/report.h"
#include "bpfcompat/sources/cache.h"
#include "bpfcompat/transport/ssh_keys.h"
#include "bpfcompat/vm/accelerator.h"

namespace bpfcompat::app {

struct RunCase;

struct KernelTargetContext {
  const config::MatrixEntry* entry = nullptr;
  std::vector<const RunCase*> cases;  // the cases this profile serves, in report order
  std::string validator_path;
  std::string qemu_binary = "qemu-system-x86_64";
  std::string evidence_dir;  // <run dir>/<profile id>
  sources::Cache* cache = nullptr;
  vm::AccelChoice accel;
  std::chrono::seconds timeout{300};
  bool keep = false;
  std::string busybox;  // static busybox for the kernel lane's /bin/sh; empty: none available
  EventSink* events = nullptr;
  const transport::SshKeyPair* client_key = nullptr;  // cloud-image lane: the run's login key
};

// One TargetReport per case, in case order. Never throws; failures become verdicts.
std::vector<report::TargetReport> run_kernel_target(const KernelTargetContext& ctx);

// Evidence files of a retried boot get this suffix ("" for the first attempt, ".attempt2").
std::string attempt_suffix(int attempt);

// Modules every kernel-lane boot loads when the kernel has them as modules (tc/clsact).
const std::vector<std::string>& default_kernel_modules();

}  // namespace bpfcompat::app
