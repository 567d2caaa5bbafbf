// Accelerator choice: KVM only when a quick probe proves a guest can run, else TCG.
#pragma once

#include <string>

#include "bpfcompat/core/result.h"

namespace bpfcompat::vm {

enum class Accel { kAuto, kKvm, kTcg };
const char* accel_name(Accel accel);  // "auto", "kvm", "tcg"
Result<Accel> parse_accel(const std::string& text);

struct AccelChoice {
  Accel accel = Accel::kTcg;  // never kAuto
  std::string reason;         // why, one line, e.g. "/dev/kvm exists but a test guest did not
                              // finish in 3 s"
  bool kvm_unusable = false;  // auto fell back to TCG because the KVM probe failed
  std::string probe_output;   // the failed probe's raw QEMU output (evidence), else empty
};

// The one line a user sees when auto fell back to TCG:
// "KVM unusable here (<reason>); using TCG — slower".
std::string tcg_fallback_warning(const AccelChoice& choice);

// kAuto: probes once per process (cached) by running a tiny guest under KVM with a deadline;
// falls back to TCG with the reason. kKvm: probes too and fails (kInfrastructure) if unusable.
// kTcg: no probe. With a memo_path, the outcome is also remembered on disk for this host boot
// (keyed by boot id, the QEMU binary and /dev/kvm's owner and mode), so each run does not pay
// the probe's deadline again; any change of those keys probes anew.
Result<AccelChoice> choose_accelerator(Accel requested, const std::string& qemu_binary,
                                       const std::string& memo_path = {});

}  // namespace bpfcompat::vm
