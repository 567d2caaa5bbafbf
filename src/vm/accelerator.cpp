#include "bpfcompat/vm/accelerator.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "kvm_probe.h"

namespace bpfcompat::vm {
namespace {

// One probe per QEMU binary per process: concurrent callers wait for the first one.
ProbeOutcome cached_kvm_probe(const std::string& qemu_binary) {
  static std::mutex mutex;
  static std::map<std::string, ProbeOutcome> outcomes;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = outcomes.find(qemu_binary);
  if (it == outcomes.end()) it = outcomes.emplace(qemu_binary, probe_kvm(qemu_binary)).first;
  return it->second;
}

}  // namespace

const char* accel_name(Accel accel) {
  switch (accel) {
    case Accel::kAuto: return "auto";
    case Accel::kKvm: return "kvm";
    case Accel::kTcg: return "tcg";
  }
  return "auto";
}

Result<Accel> parse_accel(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (Accel accel : {Accel::kAuto, Accel::kKvm, Accel::kTcg}) {
    if (lower == accel_name(accel)) return accel;
  }
  return invalid_input(fmt::format("unknown accelerator '{}'", text),
                       "use one of: auto, kvm, tcg");
}

Result<AccelChoice> choose_accelerator(Accel requested, const std::string& qemu_binary) {
  if (requested == Accel::kTcg) return AccelChoice{Accel::kTcg, "tcg requested"};
  ProbeOutcome probe = cached_kvm_probe(qemu_binary);
  if (probe.usable) return AccelChoice{Accel::kKvm, probe.reason};
  if (requested == Accel::kKvm) {
    return infrastructure_error(fmt::format("kvm was requested but is not usable: {}", probe.reason),
                                "use --accel tcg (slower) or --accel auto to fall back to it");
  }
  return AccelChoice{Accel::kTcg, probe.reason + "; using TCG"};
}

}  // namespace bpfcompat::vm
