// Where a program was being attached: the attach family (kprobe, fentry, xdp, cgroup, ...) and
// the attach point named in words, so attach verdicts can name it. Private to classify.
#pragma once

#include <string>

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

}  // namespace bpfcompat::classify
