// A lane is one way of booting a profile (kernel package + generated initramfs; cloud image +
// SSH). It prepares what boots, stages what every attempt shares, and boots once per call; the
// target runner (target_runner.h) owns what is the same in every lane. A new lane is one file
// implementing this interface plus its line in make_lane.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "bpfcompat/core/result.h"
#include "bpfcompat/vm/kernel_boot.h"
#include "target_assembly.h"
#include "target_context.h"

namespace bpfcompat::app {

// What one boot produced.
struct BootAttempt {
  // The validator's output, complete or not; none when the guest never ran it.
  std::optional<vm::BootOutcome> outcome;
  Error error;  // without an outcome: why, with its code (QEMU_FAILED, BOOT_TIMEOUT…)
  std::string console_tail;  // without an outcome: the console's last lines
  std::string retry_reason;  // non-empty: worth one more boot (the runner decides)
  long ready_ms = -1;        // QEMU start → guest ready, when the lane measures it
};

class Lane {
 public:
  virtual ~Lane() = default;
  // For progress: "kernel apt bookworm/linux-image-cloud-amd64", "image https://…".
  virtual std::string source() const = 0;
  // Downloads or finds what boots; returns the "prepared" progress text. Errors carry a code.
  virtual Result<std::string> prepare(TargetAssembly& out) = 0;
  // Whether an infrastructure failure of prepare is worth a second try (the runner never asks
  // about a permanent one: Error::permanent, an HTTP 404).
  virtual bool retry_preparation(const Error& error) const = 0;
  // What every attempt shares (an initramfs, the staged files), with the profile's external BTF
  // on the host ("" without one; the runner prepares it once for every lane). Errors carry a
  // code.
  virtual Result<void> stage(TargetAssembly& out, const std::string& external_btf) = 0;
  virtual std::string boot_label() const = 0;  // "6.1.0-41-cloud-amd64", the profile id…
  virtual BootAttempt boot(int attempt) = 0;
};

// The lane of the context's profile (kernel or cloud-image).
std::unique_ptr<Lane> make_lane(const TargetContext& ctx);
std::unique_ptr<Lane> make_kernel_lane(const TargetContext& ctx);
std::unique_ptr<Lane> make_cloud_lane(const TargetContext& ctx);

// `error` with `code` unless it carries one already.
Error with_fallback_code(Error error, const std::string& code);

}  // namespace bpfcompat::app
