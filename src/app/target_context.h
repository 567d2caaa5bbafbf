// What one target (one profile's boot, in either lane) is given by the run.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "bpfcompat/app/events.h"
#include "bpfcompat/config/matrix.h"
#include "bpfcompat/plan/run_plan.h"
#include "bpfcompat/sources/cache.h"
#include "bpfcompat/transport/ssh_keys.h"
#include "bpfcompat/vm/accelerator.h"

namespace bpfcompat::app {

struct TargetContext {
  const config::MatrixEntry* entry = nullptr;
  std::vector<const plan::Case*> cases;  // the cases this profile serves, in report order
  std::string validator_path;
  std::string qemu_binary = "qemu-system-x86_64";
  std::string evidence_dir;  // <run dir>/<profile id>
  sources::Cache* cache = nullptr;
  vm::AccelChoice accel;
  std::chrono::seconds timeout{300};  // this boot's budget: plan::RunPlan::boot_budget
  bool keep = false;
  std::string busybox;  // static busybox for the kernel lane's /bin/sh; empty: none available
  EventSink* events = nullptr;
  const transport::SshKeyPair* client_key = nullptr;  // cloud-image lane: the run's login key
};

}  // namespace bpfcompat::app
