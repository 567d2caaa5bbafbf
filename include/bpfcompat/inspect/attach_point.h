// Where a program attaches, as its ELF section name says (libbpf's SEC() conventions), and the
// kernel functions an object's programs attach to.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bpfcompat::inspect {

struct ObjectFacts;

enum class AttachKind {
  kNone,  // the section names no target this module parses (xdp, socket, raw_tp, ...)
  kKprobe,
  kKretprobe,
  kKprobeMulti,  // kprobe.multi / kretprobe.multi: function is a glob pattern
  kKsyscall,     // ksyscall / kretsyscall: function is the syscall name ("openat")
  kFentry,
  kFexit,
  kFmodRet,
  kTracepoint,  // tracepoint/ or tp/
  kUprobe,
  kUretprobe,
};

struct AttachPoint {
  AttachKind kind = AttachKind::kNone;
  std::string function;  // kprobe/fentry family, ksyscall, uprobe; without "+offset"
  std::string module;    // fentry/fexit/fmod_ret "module:function"
  std::string category;  // tracepoint
  std::string name;      // tracepoint
  std::string binary;    // uprobe "binary:function"
};

// "kprobe", "kprobe_multi", "fentry", "tracepoint", ...; "none" for kNone.
std::string_view attach_kind_name(AttachKind kind);

// Parses a section name (with or without a leading '?'); kNone, or empty fields when the section
// names the kind but no target ("kprobe", "fentry").
AttachPoint parse_attach_point(std::string_view section);

// Kernel functions the programs attach to by name (kprobe, kretprobe, fentry, fexit, fmod_ret),
// each once, in program order; not ksyscall (arch-prefixed by libbpf) nor kprobe.multi patterns.
// Programs that are not autoloaded count too: a loader may still enable them.
std::vector<std::string> attach_targets(const ObjectFacts& facts);

}  // namespace bpfcompat::inspect
