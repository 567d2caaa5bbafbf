#include "bpfcompat/vm/accelerator.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

#include <sys/stat.h>

#include <fmt/format.h>

#include "bpfcompat/core/file_io.h"
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

// What the probe outcome depends on: this host boot, the QEMU binary, and access to /dev/kvm.
std::string memo_key(const std::string& qemu_binary) {
  std::string boot_id = read_file("/proc/sys/kernel/random/boot_id", 4096).value_or("?");
  boot_id.erase(std::remove(boot_id.begin(), boot_id.end(), '\n'), boot_id.end());
  struct stat kvm {};
  struct stat qemu {};
  bool has_kvm = stat("/dev/kvm", &kvm) == 0;
  std::string qemu_path = qemu_binary;
  for (const char* dir : {"/usr/bin/", "/usr/local/bin/", "/bin/"}) {
    if (qemu_binary.find('/') == std::string::npos &&
        stat((dir + qemu_binary).c_str(), &qemu) == 0) {
      qemu_path = dir + qemu_binary;
      break;
    }
  }
  stat(qemu_path.c_str(), &qemu);
  return fmt::format("{} {} {} {} {:o} {} {}", boot_id, qemu_path, qemu.st_mtime, has_kvm,
                     has_kvm ? kvm.st_mode : 0, has_kvm ? kvm.st_uid : 0, has_kvm ? kvm.st_gid : 0);
}

ProbeOutcome memoized_kvm_probe(const std::string& qemu_binary, const std::string& memo_path) {
  std::string key = memo_key(qemu_binary);
  if (auto text = read_file(memo_path, 4096)) {
    auto first = text->find('\n');
    auto second = first == std::string::npos ? first : text->find('\n', first + 1);
    auto third = second == std::string::npos ? second : text->find('\n', second + 1);
    if (third != std::string::npos && text->substr(0, first) == key) {
      std::string usable = text->substr(first + 1, second - first - 1);
      return ProbeOutcome{usable == "usable",
                          text->substr(second + 1, third - second - 1) + " (remembered)",
                          text->substr(third + 1)};
    }
  }
  // Key, usable|unusable, the one-line reason, then QEMU's raw output (any number of lines).
  ProbeOutcome probe = cached_kvm_probe(qemu_binary);
  (void)write_file_atomic(memo_path,
                          fmt::format("{}\n{}\n{}\n{}", key, probe.usable ? "usable" : "unusable",
                                      probe.reason, probe.qemu_output));
  return probe;
}

}  // namespace

const char* accel_name(Accel accel) {
  switch (accel) {
    case Accel::kAuto:
      return "auto";
    case Accel::kKvm:
      return "kvm";
    case Accel::kTcg:
      return "tcg";
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
  return invalid_input(fmt::format("unknown accelerator '{}'", text), "use one of: auto, kvm, tcg");
}

Result<AccelChoice> choose_accelerator(Accel requested, const std::string& qemu_binary,
                                       const std::string& memo_path) {
  if (requested == Accel::kTcg) return AccelChoice{Accel::kTcg, "tcg requested"};
  ProbeOutcome probe = memo_path.empty() ? cached_kvm_probe(qemu_binary)
                                         : memoized_kvm_probe(qemu_binary, memo_path);
  if (probe.usable) return AccelChoice{Accel::kKvm, probe.reason};
  if (requested == Accel::kKvm) {
    return infrastructure_error(
        fmt::format("kvm was requested but is not usable: {}", probe.reason),
        "use --accel tcg (slower) or --accel auto to fall back to it");
  }
  return AccelChoice{Accel::kTcg, probe.reason, true, probe.qemu_output};
}

std::string tcg_fallback_warning(const AccelChoice& choice) {
  return fmt::format("KVM unusable here ({}); using TCG — slower", choice.reason);
}

}  // namespace bpfcompat::vm
