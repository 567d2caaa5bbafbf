// Load-failure rules decided by libbpf's and the verifier's messages (libbpf 1.4 wording) and by
// errno: BTF, CO-RE, attach targets, verifier limits, permissions, attach types, fallbacks.
#include <cerrno>

#include <fmt/format.h>

#include "attach_point.h"
#include "load_rules.h"
#include "log_lines.h"

namespace bpfcompat::classify {
namespace {

// libbpf's CO-RE messages; the first names the relocation, the others only that one failed.
constexpr std::string_view kCoreMarkers[] = {
    "failed to resolve CO-RE relocation", "<invalid CO-RE relocation>",
    "invalid func unknown#195896080",     "failed to perform CO-RE relocations",
    "target candidate search failed",     ": failed to relocate: "};

std::string core_line(std::string_view log) {
  for (std::string_view marker : kCoreMarkers) {
    std::string line = first_line_with(log, marker);
    if (!line.empty()) return line;
  }
  return "";
}

std::string btf_missing_line(std::string_view log) {
  for (std::string_view marker : {"kernel BTF is missing", "failed to find valid kernel BTF",
                                  "Error loading vmlinux BTF", "vmlinux BTF is not found"}) {
    std::string line = first_line_with(log, marker);
    if (!line.empty()) return line;
  }
  return "";
}

std::string missing_btf_fix(bool hidden) {
  return std::string(hidden
                         ? "The kernel's BTF is hidden by the bpfcompat.hide_btf=1 test knob, as "
                           "on a kernel built without CONFIG_DEBUG_INFO_BTF. "
                         : "The kernel was built without CONFIG_DEBUG_INFO_BTF. ") +
         "Give the profile this kernel's "
         "vmlinux BTF from BTFHub (https://github.com/aquasecurity/btfhub-archive): "
         "`btf: {path: FILE.btf}` or `btf: {url: URL, sha256: HEX}`; bpfcompat hands it to libbpf "
         "as bpf_object_open_opts.btf_custom_path, and your loader must do the same on this "
         "kernel. "
         "Or ship a build that does not use CO-RE or BTF-based program types.";
}

std::string missing_btf_with_external_fix() {
  return "External BTF (the profile's btf:, libbpf's btf_custom_path) serves CO-RE relocations "
         "only. This object also needs the running kernel's own BTF (fentry/fexit, tp_btf, lsm, "
         "struct_ops, iterators, typed __ksym or kfuncs), which a kernel without "
         "CONFIG_DEBUG_INFO_BTF cannot give: use kprobes or tracepoints with CO-RE on it.";
}

}  // namespace

std::optional<Verdict> rule_missing_btf(const LoadFacts& f) {
  std::string log = f.log();
  std::string line = btf_missing_line(log);
  bool no_btf = f.guest != nullptr && !f.guest->btf_vmlinux;
  if (line.empty() && no_btf && f.artifact->btf_ext) line = core_line(log);
  if (line.empty()) return std::nullopt;
  bool external = f.guest != nullptr && !f.guest->btf_custom_path.empty();
  bool hidden = f.guest != nullptr && f.guest->btf_hidden;
  return make_verdict(
      Status::kFail, "MISSING_BTF", no_btf ? Confidence::kHigh : Confidence::kMedium,
      fmt::format("{} has no kernel BTF (/sys/kernel/btf/vmlinux{}), which this object needs{}",
                  kernel_label(f.guest), hidden ? ", hidden by bpfcompat.hide_btf=1" : "",
                  external ? " beyond the CO-RE relocations the profile's btf: file serves" : ""),
      line, external ? missing_btf_with_external_fix() : missing_btf_fix(hidden));
}

std::optional<Verdict> rule_core_relocation(const LoadFacts& f) {
  std::string log = f.log();
  std::string ksym = first_line_with(f.load->libbpf_tail, "extern (var ksym) '");
  if (!ksym.empty() && contains_ci(ksym, "not found")) {
    std::string name = quoted_after(ksym, "extern (var ksym) ");
    return make_verdict(
        Status::kFail, "CORE_RELOCATION_FAILURE", Confidence::kMedium,
        fmt::format("kernel variable {} (__ksym) is missing from the BTF of {}", name,
                    kernel_label(f.guest)),
        ksym,
        fmt::format("Declare {} __weak and use it only when bpf_ksym_exists({}) is true.", name,
                    name));
  }
  std::string line = core_line(log);
  if (line.empty()) return std::nullopt;
  std::string what;
  constexpr std::string_view kResolve = "failed to resolve CO-RE relocation ";
  if (auto at = line.find(kResolve); at != std::string::npos) {
    what = line.substr(at + kResolve.size());
  }
  return make_verdict(
      Status::kFail, "CORE_RELOCATION_FAILURE", Confidence::kHigh,
      what.empty()
          ? fmt::format("a CO-RE relocation failed on {}", kernel_label(f.guest))
          : fmt::format("a CO-RE relocation failed on {}: {}", kernel_label(f.guest), what),
      line,
      "This kernel's BTF lacks a type or field the program reads. Guard the access with "
      "bpf_core_field_exists() / bpf_core_type_exists() and provide a fallback (for example a "
      "___old flavour of the struct for older layouts).");
}

std::optional<Verdict> rule_attach_target(const LoadFacts& f) {
  std::string line = first_line_with(f.load->libbpf_tail, "failed to find kernel BTF type ID of '");
  if (line.empty()) return std::nullopt;
  std::string target = quoted_after(line, "BTF type ID of ");
  bool esrch = f.load->err == ESRCH || (line.size() > 3 && line.substr(line.size() - 3) == ": -3");
  std::string section = f.programs.empty() ? "" : f.programs.front()->section;
  if (is_placeholder_target(target)) {
    std::string program = f.programs.empty() ? "the program" : f.programs.front()->name;
    return make_verdict(
        Status::kFail, "ATTACH_TARGET_NOT_FOUND", Confidence::kMedium,
        fmt::format(
            "attach target {}{} is a placeholder no kernel has (looked up in the BTF of {})",
            target, section.empty() ? "" : fmt::format(" (section {})", section),
            kernel_label(f.guest)),
        line, placeholder_fix(target, program));
  }
  return make_verdict(
      Status::kFail, "ATTACH_TARGET_NOT_FOUND", esrch ? Confidence::kHigh : Confidence::kMedium,
      fmt::format("attach target {}{} does not exist in the BTF of {}", target,
                  section.empty() ? "" : fmt::format(" (section {})", section),
                  kernel_label(f.guest)),
      line,
      fmt::format("{} was renamed, inlined or removed on this kernel. Choose the target at load "
                  "time: look up candidates with btf__find_by_name_kind() and call "
                  "bpf_program__set_attach_target(), or fall back to a kprobe with alternative "
                  "function names.",
                  target));
}

std::optional<Verdict> rule_complexity(const LoadFacts& f) {
  const std::string& vlog = f.load->verifier_tail;
  std::string line = first_line_with(vlog, "BPF program is too large");
  if (line.empty()) line = first_line_with(vlog, "is too complex");
  std::string stats = last_line_with(vlog, " insns (limit ");
  long long processed = number_after(stats, "processed ");
  long long limit = number_after(stats, "(limit ");
  bool over_limit = processed > 0 && limit > 0 && processed >= limit;
  if (line.empty() && !over_limit) return std::nullopt;
  std::string reason =
      over_limit
          ? fmt::format("the verifier of {} gave up after {} instructions (limit {})",
                        kernel_label(f.guest), processed, limit)
          : fmt::format("the program is too complex for the verifier of {}", kernel_label(f.guest));
  return make_verdict(
      Status::kFail, "VERIFIER_COMPLEXITY",
      f.load->err == E2BIG ? Confidence::kHigh : Confidence::kMedium, reason,
      line.empty() ? stats : line,
      "Reduce the work the verifier must explore on this kernel: split the program with tail "
      "calls, move loop bodies into global (non-static) functions or bpf_loop() (5.17+), and "
      "tighten loop bounds so fewer states are explored.");
}

std::optional<Verdict> rule_permission(const LoadFacts& f) {
  bool denied = f.load->err == EPERM ||
                (f.load->err == EACCES && verifier_error_line(f.load->verifier_tail).empty());
  if (!denied) return std::nullopt;
  std::string evidence = load_evidence(*f.load);
  if (evidence.empty()) evidence = fmt::format("load failed: {}", errno_name(f.load->err));
  if (lockdown_active(f.guest) || contains_ci(f.log(), "lockdown")) {
    std::string mode = f.guest ? f.guest->lockdown : "";
    return make_verdict(
        Status::kFail, "POLICY_DENIED",
        lockdown_active(f.guest) ? Confidence::kHigh : Confidence::kMedium,
        fmt::format("kernel lockdown{} denies this BPF load on {}",
                    mode.empty() ? "" : fmt::format(" ({})", mode), kernel_label(f.guest)),
        evidence,
        "Lockdown (often switched on by Secure Boot) restricts BPF; confidentiality mode blocks "
        "reading kernel memory (bpf_probe_read_kernel and friends). Run where lockdown is off "
        "or integrity-only, or avoid the restricted helpers.");
  }
  return make_verdict(
      Status::kFail, "CAPABILITY_FAILURE", Confidence::kMedium,
      fmt::format("{} refused the load with {}", kernel_label(f.guest), errno_name(f.load->err)),
      evidence,
      "Load as root or with CAP_BPF and CAP_PERFMON (CAP_SYS_ADMIN before 5.8, plus "
      "CAP_NET_ADMIN for networking programs); before 5.11 also raise RLIMIT_MEMLOCK. An LSM "
      "policy (SELinux, AppArmor) can deny bpf() as well.");
}

std::optional<Verdict> rule_attach_type(const LoadFacts& f) {
  if (f.load->err != EINVAL || !verifier_error_line(f.load->verifier_tail).empty()) {
    return std::nullopt;
  }
  for (const auto* p : f.programs) {
    if (p->expected_attach_type == 0 && p->attach_type_name.empty()) continue;
    auto kind = attach_kind(p->section, p->attach_type_name);
    bool too_old = kind && kernel_older_than(f.guest, kind->since);
    std::string name = p->attach_type_name.empty() ? fmt::format("{}", p->expected_attach_type)
                                                   : p->attach_type_name;
    std::string evidence = libbpf_error_line(f.load->libbpf_tail);
    return make_verdict(
        Status::kFail, "UNSUPPORTED_ATTACH_TYPE", too_old ? Confidence::kHigh : Confidence::kMedium,
        fmt::format("{} rejected attach type {} of section {}", kernel_label(f.guest), name,
                    p->section),
        evidence.empty() ? "load failed: EINVAL, no verifier log" : evidence,
        too_old
            ? fmt::format("{} needs Linux {}; {}.", kind->label, kind->since.str(), kind->fallback)
            : "This kernel does not accept the program's expected attach type: use a section "
              "(attach type) it supports, or ship a fallback program.");
  }
  return std::nullopt;
}

Verdict rule_fallback(const LoadFacts& f) {
  std::string line = verifier_error_line(f.load->verifier_tail);
  if (!line.empty()) {
    return make_verdict(
        Status::kFail, "VERIFIER_REJECTION", Confidence::kMedium,
        fmt::format("the verifier of {} rejected the program", kernel_label(f.guest)), line,
        "This kernel's verifier rejects code that newer ones may accept. Start from the evidence "
        "line of the verifier log: add explicit bounds checks before the access, initialise "
        "stack memory, and keep pointer arithmetic simple.");
  }
  return make_verdict(
      Status::kFail, "UNKNOWN", Confidence::kLow,
      fmt::format("loading failed with {} on {}", errno_name(f.load->err), kernel_label(f.guest)),
      libbpf_error_line(f.load->libbpf_tail),
      "Inspect libbpf's log and the validator output in the evidence files.");
}

}  // namespace bpfcompat::classify
