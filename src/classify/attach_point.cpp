#include "attach_point.h"

#include <array>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "log_lines.h"

namespace bpfcompat::classify {
namespace {

using validation::ProgramResult;

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.rfind(prefix, 0) == 0;
}

// The section's attach point: what follows the first '/' ("" when there is none).
std::string section_target(std::string_view section) {
  std::size_t slash = section.find('/');
  return slash == std::string_view::npos ? "" : std::string(section.substr(slash + 1));
}

// The section prefix before '/' (or the whole section), without a sleepable ".s".
std::string section_kind(std::string_view section) {
  std::string_view kind = section.substr(0, section.find('/'));
  if (kind.size() > 2 && kind.substr(kind.size() - 2) == ".s") kind.remove_suffix(2);
  return std::string(kind);
}

struct PrefixFamily {
  std::string_view prefix;
  AttachFamily family;
};

// Longest prefixes first: "kprobe.multi" before "kprobe".
constexpr std::array<PrefixFamily, 24> kSectionFamilies{{
    {"kprobe.multi", AttachFamily::kKprobeMulti},
    {"kretprobe.multi", AttachFamily::kKprobeMulti},
    {"kprobe.session", AttachFamily::kKprobeMulti},
    {"uprobe.multi", AttachFamily::kUprobeMulti},
    {"uretprobe.multi", AttachFamily::kUprobeMulti},
    {"kprobe", AttachFamily::kKprobe},
    {"kretprobe", AttachFamily::kKprobe},
    {"ksyscall", AttachFamily::kKprobe},
    {"kretsyscall", AttachFamily::kKprobe},
    {"uprobe", AttachFamily::kUprobe},
    {"uretprobe", AttachFamily::kUprobe},
    {"usdt", AttachFamily::kUprobe},
    {"tracepoint", AttachFamily::kTracepoint},
    {"tp/", AttachFamily::kTracepoint},
    {"raw_tracepoint", AttachFamily::kRawTp},
    {"raw_tp", AttachFamily::kRawTp},
    {"tp_btf", AttachFamily::kRawTp},
    {"fentry", AttachFamily::kTrampoline},
    {"fexit", AttachFamily::kTrampoline},
    {"fmod_ret", AttachFamily::kTrampoline},
    {"lsm", AttachFamily::kTrampoline},
    {"freplace", AttachFamily::kTrampoline},
    {"iter", AttachFamily::kIter},
    {"struct_ops", AttachFamily::kStructOps},
}};

constexpr std::array<std::pair<std::string_view, AttachFamily>, 10> kMethodFamilies{{
    {"xdp", AttachFamily::kXdp},
    {"tc", AttachFamily::kTc},
    {"tcx", AttachFamily::kTcx},
    {"cgroup", AttachFamily::kCgroup},
    {"socket", AttachFamily::kSocket},
    {"netns", AttachFamily::kNetns},
    {"netfilter", AttachFamily::kNetfilter},
    {"perf_event", AttachFamily::kPerfEvent},
    {"struct_ops", AttachFamily::kStructOps},
    {"iter", AttachFamily::kIter},
}};

constexpr std::array<std::pair<std::string_view, AttachFamily>, 5> kTypeFamilies{{
    {"kprobe", AttachFamily::kKprobe},
    {"tracepoint", AttachFamily::kTracepoint},
    {"raw_tracepoint", AttachFamily::kRawTp},
    {"tracing", AttachFamily::kTrampoline},
    {"lsm", AttachFamily::kTrampoline},
}};

AttachFamily family_of(const ProgramResult& p) {
  for (const auto& [method, family] : kMethodFamilies) {
    if (p.attach.method == method) return family;
  }
  for (const auto& f : kSectionFamilies) {
    if (starts_with(p.section, f.prefix)) return f.family;
  }
  for (const auto& [type, family] : kTypeFamilies) {
    if (p.type_name == type) return family;
  }
  return AttachFamily::kOther;
}

// The validator's fixed targets for the families that need no named attach point.
AttachPoint fixed_point(AttachFamily family, const ProgramResult& p) {
  std::string hook = section_target(p.section);
  if (hook.empty()) hook = "ingress";
  switch (family) {
    case AttachFamily::kXdp:
      return {family, "xdp", "lo", "xdp on lo (generic mode)"};
    case AttachFamily::kTc:
      return {family, "tc", "lo", "tc (clsact ingress filter) on lo"};
    case AttachFamily::kTcx:
      return {family, "tcx", "lo", fmt::format("tcx {} on lo", hook)};
    case AttachFamily::kCgroup:
      return {family, p.section, "cgroup2", fmt::format("{} on the case's cgroup2", p.section)};
    case AttachFamily::kSocket:
      return {family, "socket filter", "UDP socket", "socket filter on a UDP socket"};
    case AttachFamily::kNetns:
      return {family, section_kind(p.section), "network namespace",
              fmt::format("{} on the network namespace", section_kind(p.section))};
    case AttachFamily::kNetfilter:
      return {family, "netfilter", "IPv4 LOCAL_IN", "netfilter on the IPv4 LOCAL_IN hook"};
    case AttachFamily::kPerfEvent:
      return {family, "perf_event", "cpu-clock", "perf_event on a cpu-clock software event"};
    case AttachFamily::kStructOps: {
      std::string map = quoted_after(p.attach.reason, "map ");
      if (map.empty()) map = p.section;
      return {family, "struct_ops", map, fmt::format("struct_ops map '{}'", map)};
    }
    default:
      return {family, p.section, p.section, fmt::format("section {}", p.section)};
  }
}

}  // namespace

bool names_a_target(AttachFamily family) {
  switch (family) {
    case AttachFamily::kKprobe:
    case AttachFamily::kKprobeMulti:
    case AttachFamily::kUprobe:
    case AttachFamily::kUprobeMulti:
    case AttachFamily::kTracepoint:
    case AttachFamily::kRawTp:
    case AttachFamily::kTrampoline:
    case AttachFamily::kIter:
      return true;
    default:
      return false;
  }
}

AttachPoint attach_point_of(const ProgramResult& p) {
  AttachFamily family = family_of(p);
  if (!names_a_target(family)) return fixed_point(family, p);
  std::string kind = section_kind(p.section);
  if (kind.empty()) kind = p.type_name;
  std::string target = section_target(p.section);
  if (target.empty()) target = p.section;
  if (family == AttachFamily::kTracepoint || family == AttachFamily::kRawTp) {
    return {family, kind, target, fmt::format("{} {}", kind, target)};
  }
  if (family == AttachFamily::kIter) {
    return {family, "iter", target, fmt::format("iterator {}", target)};
  }
  return {family, kind, target, fmt::format("{} on {}", kind, target)};
}

bool is_placeholder_target(std::string_view function) {
  std::string lower;
  for (char c : function) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  std::string_view f = lower;
  while (!f.empty() && f.front() == '_') f.remove_prefix(1);
  for (std::string_view word :
       {"foo", "bar", "func", "fn", "stub", "xxx", "dummy", "placeholder"}) {
    if (f == word) return true;
  }
  return starts_with(f, "dummy_") || starts_with(f, "placeholder_");
}

std::string placeholder_fix(const std::string& function, const std::string& program) {
  return fmt::format(
      "'{}' looks like a placeholder that the object's loader replaces before it loads or "
      "attaches '{}' (bpf_program__set_attach_target() for fentry/fexit, the function given to "
      "bpf_program__attach_kprobe() for kprobes), as libbpf-tools do: no kernel has it, so the "
      "object alone cannot be tested at this point. Test it with its loader, which picks the "
      "real target: bpfcompat test-command --bin LOADER --cmd 'LOADER ARGS'. If the object is "
      "meant to load as it is, give the section a real default target.",
      function, program);
}

}  // namespace bpfcompat::classify
