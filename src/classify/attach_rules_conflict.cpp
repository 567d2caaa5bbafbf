// Attach rules for an attach point that exists but was refused: held by someone else (busy),
// denied by policy or capabilities, a kernel limit, an iterator that failed when read, or a
// malformed request from our own validator.
#include <cerrno>

#include <fmt/format.h>

#include "attach_rules.h"
#include "kernel_facts.h"
#include "load_rules.h"

namespace bpfcompat::classify {
namespace {

using F = AttachFamily;

std::string busy_fix(const AttachFacts& f) {
  const std::string& t = f.point.target;
  switch (f.point.family) {
    case F::kXdp:
      return "lo already has an XDP program (one per interface and mode): chain several with "
             "libxdp's dispatcher, replace the old one with XDP_FLAGS_REPLACE, or detach it first.";
    case F::kTc:
      return "a tc filter with the same handle and priority already exists on lo's clsact "
             "ingress: give the filter its own handle/priority in bpf_tc_opts, or replace it "
             "with BPF_TC_F_REPLACE.";
    case F::kTcx:
    case F::kNetfilter:
      return fmt::format(
          "the {} hook already holds this program or a conflicting one: attach "
          "each program once, or replace the other with its link.",
          f.point.kind);
    case F::kCgroup:
      return "the cgroup hook already holds a program attached without BPF_F_ALLOW_MULTI, or a "
             "parent cgroup's program forbids overriding it: attach with a bpf_link (which allows "
             "multiple programs) and ask the owner of the other program to use BPF_F_ALLOW_MULTI.";
    case F::kNetns:
      return fmt::format(
          "this network namespace already has a {} program (a flow dissector is "
          "one per namespace; one attached with BPF_PROG_ATTACH blocks links): "
          "detach it first.",
          f.point.kind);
    case F::kStructOps:
      return fmt::format(
          "a struct_ops named like '{}' is already registered (for example a TCP "
          "congestion control with a built-in name): give it a unique .name.",
          t);
    case F::kKprobe:
    case F::kKprobeMulti:
      return fmt::format(
          "the kernel refused another probe on {}: a probe event of the same name "
          "already exists (legacy tracefs kprobes), or an ftrace user that modifies "
          "the instruction pointer (IPMODIFY: livepatch) holds it. Remove the other "
          "probe, or probe a neighbouring function.",
          t);
    case F::kPerfEvent:
      return "the perf event already has a BPF program (one per event): open a perf event of "
             "your own for this program.";
    default:
      return fmt::format("{} is held by another user; detach it, or attach elsewhere.", t);
  }
}

Verdict trampoline_busy(const AttachFacts& f) {
  const std::string& t = f.point.target;
  return make_verdict(
      Status::kFail, "TRAMPOLINE_BUSY", Confidence::kMedium,
      fmt::format("{}: {} is in the kernel's BTF but its BPF trampoline could not be installed",
                  f.failed(), t),
      f.evidence,
      fmt::format(
          "{}: the kernel refused to patch {} for the BPF trampoline (EBUSY). Likely "
          "causes: {} is already traced by an ftrace direct or IPMODIFY user (a kprobe, "
          "livepatch or another trampoline user), another program is attached there, or "
          "its entry is not an ftrace location (check "
          "/sys/kernel/tracing/available_filter_functions). The fix: fall back to a kprobe, "
          "chosen at load time with bpf_program__set_autoload: ship both programs and "
          "enable the kprobe one where the {} attach fails with EBUSY.",
          f.subject(), t, t, f.point.kind));
}

std::string capability_of(F family) {
  switch (family) {
    case F::kXdp:
    case F::kTc:
    case F::kTcx:
    case F::kNetns:
    case F::kNetfilter:
    case F::kCgroup:
    case F::kSocket:
      return "CAP_BPF and CAP_NET_ADMIN";
    case F::kStructOps:
      return "CAP_BPF and CAP_SYS_ADMIN (CAP_NET_ADMIN for TCP congestion control)";
    default:
      return "CAP_BPF and CAP_PERFMON (or CAP_SYS_ADMIN on kernels before 5.8)";
  }
}

}  // namespace

Verdict attach_busy(const AttachFacts& f) {
  if (f.point.family == F::kTrampoline && f.err() == EBUSY) return trampoline_busy(f);
  return make_verdict(Status::kFail, "ATTACH_BUSY", Confidence::kMedium,
                      fmt::format("{}: the attach point is held", f.failed()), f.evidence,
                      fmt::format("{}: {}", f.subject(), busy_fix(f)));
}

Verdict attach_denied(const AttachFacts& f) {
  const validation::GuestFacts* g = f.guest;
  std::string how = fmt::format("attaching {} was denied ({}) on {}", f.program->section,
                                errno_name(f.err()), kernel_label(g));
  if (lockdown_active(g)) {
    return make_verdict(
        Status::kFail, "POLICY_DENIED", Confidence::kHigh, how, f.evidence,
        fmt::format("{}: kernel lockdown ({}) restricts BPF attachment (confidentiality mode "
                    "blocks kprobes, perf events and tracefs); run where lockdown is none or "
                    "integrity, or use tracepoints and fentry where they suffice.",
                    f.subject(), g->lockdown));
  }
  std::string lsms = g != nullptr && !g->lsm.empty() ? g->lsm : "unknown";
  if (f.err() == EACCES) {
    return make_verdict(
        Status::kFail, "POLICY_DENIED", Confidence::kMedium, how, f.evidence,
        fmt::format("{}: a security module denied the attach (active LSMs: {}): check the audit "
                    "log for an AppArmor/SELinux denial of bpf or perf_event, and any BPF LSM "
                    "program that guards bpf().",
                    f.subject(), lsms));
  }
  return make_verdict(
      Status::kFail, "CAPABILITY_FAILURE", Confidence::kMedium, how, f.evidence,
      fmt::format("{}: the attach needs {}; run the loader with them (the validator runs as "
                  "root, so here a security module — active LSMs: {} — or a container's "
                  "capability bounding set took them away).",
                  f.subject(), capability_of(f.point.family), lsms));
}

Verdict resource_limit(const AttachFacts& f) {
  std::string why;
  F fam = f.point.family;
  if (f.err() == E2BIG && fam == F::kTrampoline) {
    why =
        "the function's BPF trampoline holds the maximum number of programs (38): attach fewer "
        "programs to it, or merge them into one";
  } else if (f.err() == E2BIG && (fam == F::kKprobeMulti || fam == F::kUprobeMulti)) {
    why =
        "the pattern matches more functions than one multi link may hold: narrow it, or split "
        "it over several programs";
  } else if (f.err() == E2BIG && fam == F::kCgroup) {
    why = "the cgroup hook holds the maximum number of programs (64): detach some";
  } else if (f.err() == ERANGE) {
    why = "the tcx hook holds the maximum number of programs (64): detach some";
  } else {
    why = fmt::format(
        "the kernel ran out of a resource ({}): memory, locked memory, file "
        "descriptors or probe slots. Give the guest more memory (the profile's "
        "memory), or attach fewer programs at once",
        errno_name(f.err()));
  }
  return make_verdict(Status::kFail, "ATTACH_RESOURCE_LIMIT", Confidence::kMedium,
                      fmt::format("{}: a kernel limit was hit", f.failed()), f.evidence,
                      fmt::format("{}: {}.", f.subject(), why));
}

Verdict iterator_read_failed(const AttachFacts& f) {
  std::string why;
  if (f.err() == E2BIG) {
    why = "one element's output did not fit in the seq_file buffer: print less per element";
  } else if (f.err() == EAGAIN) {
    why =
        "the iterator program returned non-zero, which asks the kernel to stop: iterator "
        "programs must return 0";
  } else {
    why = fmt::format(
        "the kernel failed the read with {}: check what the program does per "
        "element (a helper returning an error, an output that is too large)",
        errno_name(f.err()));
  }
  return make_verdict(Status::kFail, "ITERATOR_READ_FAILED", Confidence::kMedium,
                      fmt::format("{} attached but reading it failed with {} on {}", f.point.where,
                                  errno_name(f.err()), kernel_label(f.guest)),
                      f.evidence, fmt::format("{}: {}.", f.subject(), why));
}

Verdict loader_error(const AttachFacts& f) {
  return make_verdict(
      Status::kError, "ATTACH_LOADER_ERROR", Confidence::kMedium,
      fmt::format("{}: the kernel rejected the request itself", f.failed()), f.evidence,
      fmt::format("{}: {} means a malformed attach request (a bad fd, pointer or parameter) from "
                  "bpfcompat's validator, not a property of the object: report it as a bpfcompat "
                  "bug with validator.jsonl from the evidence files.",
                  f.subject(), errno_name(f.err())));
}

Verdict unknown_attach_failure(const AttachFacts& f) {
  const validation::AttachResult& a = f.program->attach;
  return make_verdict(
      Status::kFail, "UNKNOWN", Confidence::kLow,
      fmt::format("{}{}", f.failed(), a.reason.empty() ? "" : ": " + a.reason), f.evidence,
      fmt::format("{}: bpfcompat has no rule for {} from a {} attach (method {}); please report "
                  "it with validator.jsonl from the evidence files so it gets a code.",
                  f.subject(), errno_name(f.err()), f.point.kind, a.method));
}

}  // namespace bpfcompat::classify
