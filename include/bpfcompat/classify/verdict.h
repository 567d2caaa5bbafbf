// Facts → verdict, code, confidence, evidence and remediation. Pure and table-tested.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/validation/validator_output.h"

namespace bpfcompat::classify {

enum class Status { kPass, kFail, kError, kSkipped };
const char* status_name(Status status);  // "pass", "fail", "error", "skipped"

enum class Mode { kLoadOnly, kLoadAttach, kBehavior };
const char* mode_name(Mode mode);  // "load_only", "load_attach", "behavior"

enum class Confidence { kHigh, kMedium, kLow };
const char* confidence_name(Confidence c);

struct Verdict {
  Status status = Status::kPass;
  std::string code;  // empty on pass; e.g. UNSUPPORTED_HELPER, BOOT_TIMEOUT
  Confidence confidence = Confidence::kHigh;
  std::string reason;       // one sentence: what failed
  std::string evidence;     // the line (verifier/libbpf/console) that decided it
  std::string remediation;  // what the user can do
};

struct ProgramVerdict {
  std::string program;
  std::string section;
  Verdict verdict;
};

struct ArtifactVerdict {
  Verdict target;  // worst of the programs (fail > error > pass)
  std::vector<ProgramVerdict> programs;
};

// What a manifest says about judging a case.
struct CaseRules {
  std::vector<std::string> attach_optional;  // programs whose failed attach does not fail
};

// Judges one artifact's validator record on one kernel. A program that loads but fails to
// attach fails its target in kLoadAttach and kBehavior modes (unless the manifest makes its
// attach optional: then the program is `skipped` with the failure as reason); `skipped`
// attaches do not. In kBehavior mode a failed required functional test fails the target
// (FUNCTIONAL_TEST_FAILURE) when load and attach passed.
ArtifactVerdict classify_artifact(const validation::ArtifactResult& artifact,
                                  const validation::GuestFacts* guest, Mode mode,
                                  const CaseRules& rules = {});

// A command case: pass iff the command exited with the expected code; otherwise fail with
// COMMAND_VALIDATION_FAILURE (a timeout says so); no command result → error NO_RESULT.
Verdict classify_command(const validation::ArtifactResult& record);

// Why a boot produced no (or no complete) result: KERNEL_PANIC / KERNEL_OOPS from the console,
// BOOT_TIMEOUT, or VALIDATOR_CRASHED / NO_RESULT. Always status kError except a panic or oops that
// happened while an artifact was being validated (the caller passes that artifact's name): kFail.
struct BootFacts {
  bool timed_out = false;
  bool cancelled = false;
  int qemu_exit_code = -1;
  int qemu_signal = 0;
  std::string console_tail;
  std::string artifact_in_progress;  // empty when unknown
};
Verdict classify_boot(const BootFacts& facts);

// An infrastructure error before or around the boot (download, checksum, qemu missing...).
Verdict infrastructure_verdict(const std::string& code, const std::string& message,
                               const std::string& remediation);

}  // namespace bpfcompat::classify
