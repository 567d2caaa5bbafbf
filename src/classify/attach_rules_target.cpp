// Attach rules for a missing attach point or mechanism: the function, tracepoint, binary or
// iterator does not exist, exists but cannot be probed, the kernel lacks the attach type, or the
// guest could not provide the object attached to (a cgroup2 mount, tracefs, a device).
#include <cerrno>

#include <fmt/format.h>

#include "attach_rules.h"
#include "kernel_facts.h"
#include "load_rules.h"

namespace bpfcompat::classify {

using F = AttachFamily;

std::string AttachFacts::subject() const {
  return fmt::format("Program '{}' ({})", program->name, point.where);
}

std::string AttachFacts::failed() const {
  return fmt::format("attaching {} ({}) failed with {} on {}", program->section, point.where,
                     errno_name(err()), kernel_label(guest));
}

namespace {

std::string not_found_fix(const AttachFacts& f) {
  const std::string& t = f.point.target;
  switch (f.point.family) {
    case F::kTracepoint:
    case F::kRawTp:
      return fmt::format(
          "tracepoint {} does not exist on this kernel (see /sys/kernel/tracing/events/). Use a "
          "tracepoint every target kernel has, or fall back to a kprobe.",
          t);
    case F::kUprobe:
    case F::kUprobeMulti:
      return fmt::format(
          "the binary or the symbol of {} was not found in the guest: a uprobe names a file and a "
          "function in it. Attach from your loader with bpf_program__attach_uprobe_opts() to the "
          "binary's real path, and check the symbol with nm -D.",
          t);
    case F::kIter:
      return fmt::format(
          "this kernel has no BPF iterator '{}': check the kernel version that "
          "added it and skip the program (bpf_program__set_autoload) where it is "
          "missing.",
          t);
    default:
      return fmt::format(
          "{} does not exist or is not traceable on this kernel: it was renamed, inlined or "
          "removed. Choose the function at run time from alternatives (check "
          "/sys/kernel/tracing/available_filter_functions), or use a tracepoint, a stable "
          "interface.",
          t);
  }
}

std::string not_traceable_fix(const AttachFacts& f) {
  const std::string& t = f.point.target;
  if (f.point.family == F::kTrampoline) {
    return fmt::format(
        "{} is in the kernel's BTF but not in /sys/kernel/tracing/available_filter_functions: "
        "ftrace cannot patch it (a notrace function, or its file is built without ftrace), so no "
        "BPF trampoline can be installed and the kernel answers {}. Fall back to a kprobe, "
        "chosen at load time with bpf_program__set_autoload: ship SEC(\"kprobe/{}\") beside "
        "'{}', and where {} is not in available_filter_functions (or this attach fails) turn "
        "'{}' off and the kprobe on before loading (or use a tracepoint on the same path where the "
        "kernel has one).",
        t, errno_name(f.err()), t, f.program->name, t, f.program->name);
  }
  if (f.err() == EADDRNOTAVAIL) {
    return fmt::format(
        "several kernel symbols are named {} and the kernel refuses to guess which one to probe. "
        "Probe a uniquely named caller, or give the module (\"module:{}\").",
        t, t);
  }
  if (f.point.family == F::kUprobe) {
    return fmt::format(
        "the kernel rejected the probe location of {} ({}): the offset must be the start of an "
        "instruction in an executable mapping of that binary. Check the symbol and offset with "
        "objdump -d.",
        t, errno_name(f.err()));
  }
  return fmt::format(
      "{} exists but kprobes cannot be placed on it ({}): it is on the kprobe blacklist "
      "(/sys/kernel/debug/kprobes/blacklist), in a noinstr section, or the offset is not an "
      "instruction boundary. Probe a caller or a tracepoint instead.",
      t, errno_name(f.err()));
}

std::string unsupported_fix(const AttachFacts& f, const std::optional<AttachKind>& kind) {
  if (!kind) {
    return fmt::format(
        "{} cannot attach {} programs this way ({}): use an attach point it supports, or ship a "
        "fallback program chosen at load time with bpf_program__set_autoload().",
        kernel_label(f.guest), f.point.kind, errno_name(f.err()));
  }
  if (kernel_older_than(f.guest, kind->since)) {
    return fmt::format("{} needs Linux {}; {}.", kind->label, kind->since.str(), kind->fallback);
  }
  if (kind->label == "kprobe.multi") {
    return fmt::format(
        "kprobe.multi needs Linux 5.18 and CONFIG_FPROBE: {} is new enough but its "
        "configuration lacks CONFIG_FPROBE (Debian 12's kernels do). Fall back to one "
        "SEC(\"kprobe/<function>\") program per function when the multi attach fails with "
        "EOPNOTSUPP.",
        kernel_label(f.guest));
  }
  return fmt::format("This kernel's configuration lacks {} support; {}.", kind->label,
                     kind->fallback);
}

}  // namespace

Verdict target_not_found(const AttachFacts& f) {
  bool kernel_function = f.point.family == F::kKprobe || f.point.family == F::kTrampoline;
  if (kernel_function && is_placeholder_target(f.point.target)) {
    return make_verdict(
        Status::kFail, "ATTACH_TARGET_NOT_FOUND", Confidence::kMedium,
        fmt::format("attach target {} of section {} is a placeholder no kernel "
                    "has (looked up on {})",
                    f.point.target, f.program->section, kernel_label(f.guest)),
        f.evidence,
        fmt::format("{}: {}", f.subject(), placeholder_fix(f.point.target, f.program->name)));
  }
  return make_verdict(Status::kFail, "ATTACH_TARGET_NOT_FOUND", Confidence::kHigh,
                      fmt::format("attach target {} of section {} does not exist on {}",
                                  f.point.target, f.program->section, kernel_label(f.guest)),
                      f.evidence, fmt::format("{}: {}", f.subject(), not_found_fix(f)));
}

Verdict target_not_traceable(const AttachFacts& f) {
  // For a trampoline the guest looked the function up in available_filter_functions.
  bool checked = f.program->attach.target_traceable.has_value();
  std::string what = checked
                         ? fmt::format("{} is not in available_filter_functions", f.point.target)
                         : std::string("the target exists but cannot be probed");
  return make_verdict(Status::kFail, "ATTACH_TARGET_NOT_TRACEABLE",
                      checked ? Confidence::kHigh : Confidence::kMedium,
                      fmt::format("{}: {}", f.failed(), what), f.evidence,
                      fmt::format("{}: {}", f.subject(), not_traceable_fix(f)));
}

Verdict unsupported_attach(const AttachFacts& f) {
  const validation::ProgramResult& p = *f.program;
  auto kind = attach_kind(p.section, p.attach_type_name);
  return make_verdict(
      Status::kFail, "UNSUPPORTED_ATTACH_TYPE", kind ? Confidence::kHigh : Confidence::kMedium,
      fmt::format("{} cannot attach {} ({}, method {}): {}", kernel_label(f.guest), p.section,
                  kind ? kind->label : p.type_name, p.attach.method, errno_name(f.err())),
      f.evidence, fmt::format("{}: {}", f.subject(), unsupported_fix(f, kind)));
}

Verdict target_unavailable(const AttachFacts& f, const std::string& what, const std::string& fix) {
  return make_verdict(
      Status::kError, "ATTACH_TARGET_UNAVAILABLE", Confidence::kHigh,
      fmt::format("the guest could not provide the attach point of {}: {}", f.program->section,
                  what),
      f.evidence,
      fmt::format("{}: the guest lacked what the attach needs ({}); this says nothing about the "
                  "object. To test it, {}.",
                  f.subject(), what, fix));
}

}  // namespace bpfcompat::classify
