#include "attach_failure.h"

#include <array>
#include <cerrno>

#include <fmt/format.h>

#include "load_rules.h"
#include "log_lines.h"

namespace bpfcompat::classify {
namespace {

constexpr int kENOTSUPP = 524;  // the kernel-internal "not supported" some attach paths leak

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.rfind(prefix, 0) == 0;
}

// Sections whose attach point is a named kernel (or user) function or event.
bool names_a_target(std::string_view section) {
  static constexpr std::array<std::string_view, 16> kPrefixes{
      "kprobe/", "kretprobe/",      "ksyscall/",     "kretsyscall/",    "tp/",    "tracepoint/",
      "raw_tp/", "raw_tracepoint/", "tp_btf/",       "fentry/",         "fexit/", "fmod_ret/",
      "uprobe",  "uretprobe",       "kprobe.multi/", "kretprobe.multi/"};
  for (std::string_view p : kPrefixes) {
    if (starts_with(section, p)) return true;
  }
  return false;
}

std::string target_of(std::string_view section) {
  std::size_t slash = section.find('/');
  return slash == std::string_view::npos ? std::string(section)
                                         : std::string(section.substr(slash + 1));
}

std::string attach_evidence(const validation::AttachResult& a) {
  std::string line = libbpf_error_line(a.libbpf_tail);
  if (!line.empty()) return line;
  if (!a.reason.empty()) return a.reason;
  return fmt::format("attach ({}) failed: {}", a.method, errno_name(a.err));
}

std::string target_remediation(std::string_view section, const std::string& target) {
  if (starts_with(section, "tp/") || starts_with(section, "tracepoint/") ||
      starts_with(section, "raw_tp/") || starts_with(section, "raw_tracepoint/") ||
      starts_with(section, "tp_btf/")) {
    return fmt::format(
        "Tracepoint {} does not exist on this kernel (see /sys/kernel/tracing/events/). Use a "
        "tracepoint every target kernel has, or fall back to a kprobe.",
        target);
  }
  return fmt::format(
      "{} does not exist or is not traceable on this kernel: it was renamed, inlined or removed. "
      "Choose the function at run time from alternatives (check "
      "/sys/kernel/tracing/available_filter_functions), or use a tracepoint, a stable interface.",
      target);
}

std::string unsupported_remediation(const std::optional<AttachKind>& kind,
                                    const validation::GuestFacts* guest) {
  if (!kind) {
    return "This kernel cannot attach the program this way: use an attach point it supports, or "
           "ship a fallback program.";
  }
  if (kernel_older_than(guest, kind->since)) {
    return fmt::format("{} needs Linux {}; {}.", kind->label, kind->since.str(), kind->fallback);
  }
  if (kind->label == "kprobe.multi") {
    return fmt::format(
        "kprobe.multi needs Linux 5.18 and CONFIG_FPROBE: {} is new enough but its "
        "configuration lacks CONFIG_FPROBE (Debian 12's kernels do). Fall back to one "
        "SEC(\"kprobe/<function>\") program per function when the multi attach fails with "
        "EOPNOTSUPP.",
        kernel_label(guest));
  }
  return fmt::format("This kernel's configuration lacks {} support; {}.", kind->label,
                     kind->fallback);
}

}  // namespace

Verdict classify_attach_failure(const validation::ProgramResult& p,
                                const validation::GuestFacts* guest) {
  const validation::AttachResult& a = p.attach;
  std::string evidence = attach_evidence(a);
  if (a.err == EPERM || a.err == EACCES) {
    bool lockdown = lockdown_active(guest);
    return make_verdict(
        Status::kFail, "POLICY_DENIED", lockdown ? Confidence::kHigh : Confidence::kMedium,
        fmt::format("attaching {} was denied ({}) on {}", p.section, errno_name(a.err),
                    kernel_label(guest)),
        evidence,
        lockdown ? fmt::format("Kernel lockdown ({}) restricts BPF attachment; run where "
                               "lockdown is off or integrity-only.",
                               guest->lockdown)
                 : "A security policy (LSM, lockdown) or a missing capability (CAP_PERFMON, "
                   "CAP_NET_ADMIN) denied the attach; check the host's policy for BPF.");
  }
  if (a.method == "tc" && (contains_ci(a.libbpf_tail, "qdisc kind is unknown") ||
                           contains_ci(a.libbpf_tail, "TC classifier not found"))) {
    return make_verdict(
        Status::kError, "MISSING_KERNEL_MODULE", Confidence::kHigh,
        fmt::format("the guest could not attach {} with tc: {}", p.section,
                    a.reason.empty() ? "the tc modules are missing" : a.reason),
        evidence,
        "The guest kernel lacks sch_ingress or cls_bpf, which bpfcompat loads for tc attach: "
        "check that the profile's kernel package ships them (or list them under modules:).");
  }
  // libbpf could not read tracefs itself (e.g. not mounted): the target was never looked up.
  bool tracefs_missing = contains_ci(a.libbpf_tail, "failed to open /sys/kernel/");
  bool missing = a.err == ENOENT || a.err == ESRCH || contains_ci(evidence, "No such file");
  if (missing && !tracefs_missing && names_a_target(p.section)) {
    std::string target = target_of(p.section);
    return make_verdict(Status::kFail, "ATTACH_TARGET_NOT_FOUND", Confidence::kHigh,
                        fmt::format("attach target {} of section {} does not exist on {}", target,
                                    p.section, kernel_label(guest)),
                        evidence, target_remediation(p.section, target));
  }
  auto kind = attach_kind(p.section, p.attach_type_name);
  bool unsupported_errno = a.err == EOPNOTSUPP || a.err == kENOTSUPP || a.err == EINVAL;
  if (unsupported_errno) {
    return make_verdict(
        Status::kFail, "UNSUPPORTED_ATTACH_TYPE", kind ? Confidence::kHigh : Confidence::kMedium,
        fmt::format("{} cannot attach {} ({}, method {}): {}", kernel_label(guest), p.section,
                    kind ? kind->label : p.type_name, a.method, errno_name(a.err)),
        evidence, unsupported_remediation(kind, guest));
  }
  return make_verdict(
      Status::kFail, "UNKNOWN", Confidence::kLow,
      fmt::format("attaching {} failed with {} on {}{}", p.section, errno_name(a.err),
                  kernel_label(guest), a.reason.empty() ? "" : ": " + a.reason),
      evidence, "Inspect the attach log in the validator output (evidence files).");
}

}  // namespace bpfcompat::classify
