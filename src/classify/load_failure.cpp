// The load-failure rule chain. Structured facts (probes, errno, BTF lookups) are consulted before
// log text, because kernels word errors misleadingly: bpf_loop on 5.10 fails with a func_info
// message, not with "unknown helper".
#include <array>
#include <cerrno>
#include <utility>

#include <fmt/format.h>

#include "load_rules.h"
#include "log_lines.h"

namespace bpfcompat::classify {

std::string LoadFacts::log() const {
  return load == nullptr ? std::string() : load->verifier_tail + "\n" + load->libbpf_tail;
}

Verdict make_verdict(Status status, std::string code, Confidence confidence, std::string reason,
                     std::string evidence, std::string remediation) {
  Verdict v;
  v.status = status;
  v.code = std::move(code);
  v.confidence = confidence;
  v.reason = std::move(reason);
  v.evidence = std::move(evidence);
  v.remediation = std::move(remediation);
  return v;
}

std::string kernel_label(const validation::GuestFacts* guest) {
  if (guest == nullptr || guest->kernel_release.empty()) return "this kernel";
  return "Linux " + guest->kernel_release;
}

bool kernel_older_than(const validation::GuestFacts* guest, const KernelVersion& since) {
  if (guest == nullptr) return false;
  auto v = parse_kernel_release(guest->kernel_release);
  return v && *v < since;
}

bool lockdown_active(const validation::GuestFacts* guest) {
  return guest != nullptr && !guest->lockdown.empty() && guest->lockdown != "none";
}

std::string load_evidence(const validation::LoadResult& load) {
  std::string line = verifier_error_line(load.verifier_tail);
  if (line.empty()) line = libbpf_error_line(load.libbpf_tail);
  return line.empty() ? fmt::format("load failed: {}", errno_name(load.err)) : line;
}

Verdict classify_load_failure(const LoadFacts& facts) {
  using Rule = std::optional<Verdict> (*)(const LoadFacts&);
  // Order matters: failures libbpf hits before the verifier runs (maps, kfunc externs) come
  // first, then facts about the program, then log patterns, then errno alone.
  static constexpr std::array<Rule, 11> kRules{
      rule_map_type,    rule_program_type,    rule_kfunc_named,   rule_helper,
      rule_missing_btf, rule_core_relocation, rule_attach_target, rule_complexity,
      rule_kfunc_facts, rule_permission,      rule_attach_type,
  };
  // Denied outright, the validator's own probes failed too: their "unsupported" means nothing.
  if (facts.load->err == EPERM) {
    if (auto v = rule_permission(facts)) return *std::move(v);
  }
  for (Rule rule : kRules) {
    if (auto v = rule(facts)) return *std::move(v);
  }
  return rule_fallback(facts);
}

}  // namespace bpfcompat::classify
