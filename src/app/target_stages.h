// Pieces both lanes' targets share: stage timing, progress events, the validator's arguments.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "bpfcompat/app/events.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/vm/guest_file.h"
#include "target_context.h"

namespace bpfcompat::app {

using Clock = std::chrono::steady_clock;

long ms_since(Clock::time_point t0);
// Evidence files of a retried boot get this suffix ("" for the first attempt, ".attempt2").
std::string attempt_suffix(int attempt);
void emit(const TargetContext& ctx, EventKind kind, std::string message);

// The validator's watchdog per case: half the target's budget, at least 10 s.
long case_timeout_sec(const TargetContext& ctx);
// `--case-timeout N` (the cases' own `--case PATH` arguments follow).
std::vector<std::string> validator_args(const TargetContext& ctx);
// The profile's external BTF on the host (`btf:`: the local file or the verified download; ""
// without one), prepared once per target by the runner. Errors carry BTF_UNAVAILABLE unless they
// have a code of their own.
Result<std::string> prepare_external_btf(const TargetContext& ctx);
// With a profile's external BTF (`btf:`, host path; nothing when empty): the file at guest_path
// and `--btf guest_path`, so that libbpf opens every object with it as btf_custom_path.
void add_external_btf(const std::string& host_path, const std::string& guest_path,
                      std::vector<vm::GuestFile>& files, std::vector<std::string>& args);

}  // namespace bpfcompat::app
