// The attach-failure rules: one verdict builder per failure family. classify_attach_failure
// (attach_failure.cpp) picks one from the errno, the attach family and the logs. Private.
#pragma once

#include <string>

#include "attach_point.h"
#include "bpfcompat/classify/verdict.h"
#include "bpfcompat/validation/validator_output.h"

namespace bpfcompat::classify {

inline constexpr int kENOTSUPP = 524;  // the kernel-internal "not supported" some paths leak

struct AttachFacts {
  const validation::ProgramResult* program = nullptr;
  const validation::GuestFacts* guest = nullptr;
  AttachPoint point;
  std::string evidence;  // libbpf's line, else the validator's reason, else the errno

  int err() const { return program->attach.err; }
  // "program 'p' (kprobe on do_unlinkat)": every remediation starts with it.
  std::string subject() const;
  // "attaching kprobe/do_unlinkat (kprobe on do_unlinkat) failed with EINVAL on Linux 6.1..."
  std::string failed() const;
};

// attach_rules_target.cpp: the attach point or the mechanism is missing.
Verdict target_not_found(const AttachFacts& f);      // ATTACH_TARGET_NOT_FOUND
Verdict target_not_traceable(const AttachFacts& f);  // ATTACH_TARGET_NOT_TRACEABLE
Verdict unsupported_attach(const AttachFacts& f);    // UNSUPPORTED_ATTACH_TYPE
// kError ATTACH_TARGET_UNAVAILABLE: the guest could not provide `what` (a cgroup2 mount, ...).
Verdict target_unavailable(const AttachFacts& f, const std::string& what, const std::string& fix);

// attach_rules_conflict.cpp: someone holds the attach point, policy, limits, our own bugs.
Verdict attach_busy(const AttachFacts& f);             // ATTACH_BUSY, TRAMPOLINE_BUSY (fentry & co)
Verdict attach_denied(const AttachFacts& f);           // POLICY_DENIED, CAPABILITY_FAILURE
Verdict resource_limit(const AttachFacts& f);          // ATTACH_RESOURCE_LIMIT
Verdict iterator_read_failed(const AttachFacts& f);    // ITERATOR_READ_FAILED
Verdict loader_error(const AttachFacts& f);            // kError ATTACH_LOADER_ERROR: EBADF, EFAULT
Verdict unknown_attach_failure(const AttachFacts& f);  // UNKNOWN: each one is a bug report

}  // namespace bpfcompat::classify
