// Where a program was being attached: the attach family (kprobe, fentry, xdp, cgroup, ...) and
// the attach point named in words, so attach verdicts can name it. Private to classify.
#pragma once

#include <string>
#include <string_view>

#include "bpfcompat/validation/validator_output.h"

namespace bpfcompat::classify {

enum class AttachFamily {
  kKprobe,       // kprobe, kretprobe, ksyscall, kretsyscall
  kKprobeMulti,  // kprobe.multi, kretprobe.multi, kprobe.session
  kUprobe,       // uprobe, uretprobe, usdt
  kUprobeMulti,
  kTracepoint,
  kRawTp,       // raw_tp, raw_tracepoint, tp_btf
  kTrampoline,  // fentry, fexit, fmod_ret, lsm (BPF trampolines)
  kIter,
  kXdp,
  kTc,
  kTcx,
  kCgroup,
  kSocket,
  kNetns,  // sk_lookup, flow_dissector
  kNetfilter,
  kPerfEvent,
  kStructOps,
  kOther,
};

struct AttachPoint {
  AttachFamily family = AttachFamily::kOther;
  std::string kind;    // "kprobe", "fentry", "xdp", "cgroup/connect4", ...
  std::string target;  // "do_unlinkat", "syscalls/sys_enter_open", "lo", "cgroup2", ...
  std::string where;   // both in words: "kprobe on do_unlinkat", "xdp on lo (generic mode)"
};

// Decided from the validator's attach method first (xdp, tc, cgroup, ...), then the section
// prefix, then the program type.
AttachPoint attach_point_of(const validation::ProgramResult& p);

// True for families whose section names a kernel or user function, event or iterator.
bool names_a_target(AttachFamily family);

// A kernel-function target that no kernel has because the object's loader replaces it before
// loading or attaching (libbpf-tools' `fentry/dummy_file_read`, `kprobe/dummy_kprobe`,
// `kprobe/foo`): dummy*, placeholder*, foo, bar, func, fn, stub, xxx.
bool is_placeholder_target(std::string_view function);

// The remediation for such a target: the object alone cannot be tested there; its loader can.
std::string placeholder_fix(const std::string& function, const std::string& program);

}  // namespace bpfcompat::classify
