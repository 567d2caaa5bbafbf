// classify_attach_failure: every failed attach gets a specific code, decided from the errno, the
// attach family (attach_point.h), libbpf's tail, the validator's reason and the guest facts.
#include "attach_failure.h"

#include <cerrno>

#include <fmt/format.h>

#include "attach_rules.h"
#include "load_rules.h"
#include "log_lines.h"

namespace bpfcompat::classify {
namespace {

using F = AttachFamily;

std::string attach_evidence(const validation::AttachResult& a) {
  std::string line = libbpf_error_line(a.libbpf_tail);
  if (!line.empty()) return line;
  if (!a.reason.empty()) return a.reason;
  return fmt::format("attach ({}) failed: {}", a.method, errno_name(a.err));
}

bool is_net(F family) {
  return family == F::kXdp || family == F::kTc || family == F::kTcx || family == F::kNetns ||
         family == F::kSocket || family == F::kNetfilter;
}

// What the validator had to make before attaching, and failed to (its reason strings, attach_net.c
// and attach.c), or what libbpf could not read in the guest.
std::optional<Verdict> guest_side(const AttachFacts& f) {
  const validation::AttachResult& a = f.program->attach;
  if (a.method == "tc" && (contains_ci(a.libbpf_tail, "qdisc kind is unknown") ||
                           contains_ci(a.libbpf_tail, "TC classifier not found"))) {
    return make_verdict(
        Status::kError, "MISSING_KERNEL_MODULE", Confidence::kHigh,
        fmt::format("the guest could not attach {} with tc: {}", f.program->section,
                    a.reason.empty() ? "the tc modules are missing" : a.reason),
        f.evidence,
        fmt::format("{}: the guest kernel lacks sch_ingress or cls_bpf, which bpfcompat loads for "
                    "tc attach: check that the profile's kernel package ships them (or list them "
                    "under modules:).",
                    f.subject()));
  }
  if (contains_ci(a.libbpf_tail, "failed to open /sys/kernel/")) {
    return target_unavailable(f, "tracefs (/sys/kernel/tracing) could not be read",
                              "mount tracefs at /sys/kernel/tracing (or debugfs at "
                              "/sys/kernel/debug) in the guest");
  }
  if (contains_ci(a.reason, "no cgroup2 hierarchy")) {
    return target_unavailable(f, "no cgroup2 hierarchy is mounted",
                              "mount cgroup2 at /sys/fs/cgroup (systemd's unified layout)");
  }
  if (contains_ci(a.reason, "/proc/self/ns/net")) {
    return target_unavailable(f, "the network namespace could not be opened",
                              "mount /proc in the guest");
  }
  if (contains_ci(a.reason, "socket(AF_INET")) {
    return target_unavailable(f, "no IPv4 UDP socket could be created",
                              "boot a kernel with IPv4 (CONFIG_INET) networking");
  }
  if (contains_ci(a.reason, "perf_event_open(")) {
    return target_unavailable(f, "no cpu-clock perf event could be opened",
                              "boot a kernel with CONFIG_PERF_EVENTS; in containers allow "
                              "perf_event_open (seccomp, perf_event_paranoid)");
  }
  bool no_device = a.err == ENODEV || a.err == ENXIO;
  if (no_device && (is_net(f.point.family) || f.point.family == F::kPerfEvent)) {
    return target_unavailable(f, fmt::format("the device is missing ({})", errno_name(a.err)),
                              "check that the guest has the loopback device up");
  }
  return std::nullopt;
}

bool busy_errno(int err) {
  return err == EBUSY || err == EEXIST;
}

bool limit_errno(int err) {
  return err == ENOSPC || err == ENOMEM || err == EAGAIN || err == EMFILE || err == ENFILE;
}

// E2BIG and ERANGE are limits where the kernel counts programs or functions; elsewhere E2BIG is a
// bpf() attribute this kernel does not know (an older kernel).
bool counted_limit(const AttachFacts& f) {
  F fam = f.point.family;
  if (f.err() == E2BIG) {
    return fam == F::kTrampoline || fam == F::kKprobeMulti || fam == F::kUprobeMulti ||
           fam == F::kCgroup;
  }
  return f.err() == ERANGE && fam == F::kTcx;
}

Verdict by_errno(const AttachFacts& f) {
  int err = f.err();
  F fam = f.point.family;
  if (err == EPERM && fam == F::kCgroup && !lockdown_active(f.guest)) return attach_busy(f);
  if (err == EPERM || err == EACCES) return attach_denied(f);
  // A trampoline on a function ftrace cannot patch: the kernel pokes it itself and gets EBUSY.
  if (err == EBUSY && fam == F::kTrampoline && f.program->attach.target_traceable == false) {
    return target_not_traceable(f);
  }
  if (busy_errno(err)) return attach_busy(f);
  // A namespace holds one flow dissector: a second link is refused with E2BIG (a count of one).
  if (err == E2BIG && fam == F::kNetns && f.point.kind == "flow_dissector") return attach_busy(f);
  if (err == ENOENT || err == ESRCH) {
    if (names_a_target(fam)) return target_not_found(f);
    if (fam == F::kStructOps) return unsupported_attach(f);
    return target_unavailable(
        f, fmt::format("the kernel found no {} attach point ({})", f.point.kind, errno_name(err)),
        "check the guest's configuration for this attach point");
  }
  if (err == EADDRNOTAVAIL || err == EILSEQ) return target_not_traceable(f);
  if (err == EINVAL && (fam == F::kKprobe || fam == F::kUprobe)) return target_not_traceable(f);
  if (err == EINVAL || err == EOPNOTSUPP || err == kENOTSUPP || err == ENOSYS || err == ENODEV ||
      err == ENXIO) {
    return unsupported_attach(f);
  }
  if (counted_limit(f) || limit_errno(err)) return resource_limit(f);
  if (err == E2BIG) return unsupported_attach(f);
  if (err == EBADF || err == EFAULT || err == ENOTTY || err == ERANGE) return loader_error(f);
  return unknown_attach_failure(f);
}

// libbpf refused to auto-attach a section that names no complete attach point (a uprobe
// without a binary): its loader supplies the target at run time, as for SEC("kprobe"), which the
// validator skips itself.
std::optional<Verdict> needs_outside_target(const AttachFacts& f) {
  const validation::AttachResult& a = f.program->attach;
  bool uprobe = f.point.family == F::kUprobe || f.point.family == F::kUprobeMulti;
  bool no_binary = uprobe && a.err == EINVAL && f.point.target.find(':') == std::string::npos;
  if (!contains_ci(a.libbpf_tail, "missing ':function") && !no_binary) return std::nullopt;
  return make_verdict(
      Status::kSkipped, "", Confidence::kHigh,
      fmt::format("needs an outside target: section '{}' names no binary and function to attach "
                  "to (its loader supplies them)",
                  f.program->section),
      f.evidence,
      fmt::format("{}: libbpf cannot auto-attach it; to test the attach, write the target into "
                  "the section (SEC(\"{}/<binary>:<function>\")) or attach it from a command "
                  "case that runs your loader.",
                  f.subject(), f.point.kind));
}

}  // namespace

Verdict classify_attach_failure(const validation::ProgramResult& p,
                                const validation::GuestFacts* guest) {
  AttachFacts f{&p, guest, attach_point_of(p), attach_evidence(p.attach)};
  if (auto v = guest_side(f)) return *v;
  if (auto v = needs_outside_target(f)) return *v;
  if (f.point.family == F::kIter && contains_ci(p.attach.reason, "reading the iterator")) {
    return iterator_read_failed(f);
  }
  return by_errno(f);
}

}  // namespace bpfcompat::classify
