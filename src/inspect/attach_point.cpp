#include "bpfcompat/inspect/attach_point.h"

#include <algorithm>
#include <array>
#include <utility>

#include "bpfcompat/inspect/object_facts.h"

namespace bpfcompat::inspect {
namespace {

struct Prefix {
  std::string_view name;  // section text before the first '/'
  AttachKind kind;
};

constexpr std::array kPrefixes = {
    Prefix{"kprobe", AttachKind::kKprobe},
    Prefix{"kretprobe", AttachKind::kKretprobe},
    Prefix{"kprobe.multi", AttachKind::kKprobeMulti},
    Prefix{"kretprobe.multi", AttachKind::kKprobeMulti},
    Prefix{"ksyscall", AttachKind::kKsyscall},
    Prefix{"kretsyscall", AttachKind::kKsyscall},
    Prefix{"fentry", AttachKind::kFentry},
    Prefix{"fentry.s", AttachKind::kFentry},
    Prefix{"fexit", AttachKind::kFexit},
    Prefix{"fexit.s", AttachKind::kFexit},
    Prefix{"fmod_ret", AttachKind::kFmodRet},
    Prefix{"fmod_ret.s", AttachKind::kFmodRet},
    Prefix{"tracepoint", AttachKind::kTracepoint},
    Prefix{"tp", AttachKind::kTracepoint},
    Prefix{"uprobe", AttachKind::kUprobe},
    Prefix{"uprobe.s", AttachKind::kUprobe},
    Prefix{"uretprobe", AttachKind::kUretprobe},
    Prefix{"uretprobe.s", AttachKind::kUretprobe},
};

// "func+0x10" -> "func"
std::string without_offset(std::string_view s) {
  return std::string(s.substr(0, s.find('+')));
}

// Splits "a<sep>b" at the first sep; {"", s} when there is none.
std::pair<std::string_view, std::string_view> split_first(std::string_view s, char sep) {
  auto at = s.find(sep);
  if (at == std::string_view::npos) return {{}, s};
  return {s.substr(0, at), s.substr(at + 1)};
}

void fill_target(AttachPoint& p, std::string_view target) {
  switch (p.kind) {
    case AttachKind::kFentry:
    case AttachKind::kFexit:
    case AttachKind::kFmodRet: {
      auto [module, function] = split_first(target, ':');
      p.module = std::string(module);
      p.function = std::string(function);
      break;
    }
    case AttachKind::kTracepoint: {
      auto [category, name] = split_first(target, '/');
      if (category.empty()) return;  // "tp/name" is not a libbpf form
      p.category = std::string(category);
      p.name = std::string(name);
      break;
    }
    case AttachKind::kUprobe:
    case AttachKind::kUretprobe: {
      auto [binary, function] = split_first(target, ':');
      p.binary = std::string(binary.empty() ? target : binary);
      if (!binary.empty()) p.function = without_offset(function);
      break;
    }
    case AttachKind::kKprobeMulti:
      p.function = std::string(target);
      break;
    default:
      p.function = without_offset(target);
      break;
  }
}

}  // namespace

std::string_view attach_kind_name(AttachKind kind) {
  switch (kind) {
    case AttachKind::kKprobe:
      return "kprobe";
    case AttachKind::kKretprobe:
      return "kretprobe";
    case AttachKind::kKprobeMulti:
      return "kprobe_multi";
    case AttachKind::kKsyscall:
      return "ksyscall";
    case AttachKind::kFentry:
      return "fentry";
    case AttachKind::kFexit:
      return "fexit";
    case AttachKind::kFmodRet:
      return "fmod_ret";
    case AttachKind::kTracepoint:
      return "tracepoint";
    case AttachKind::kUprobe:
      return "uprobe";
    case AttachKind::kUretprobe:
      return "uretprobe";
    case AttachKind::kNone:
      break;
  }
  return "none";
}

AttachPoint parse_attach_point(std::string_view section) {
  if (!section.empty() && section.front() == '?') section.remove_prefix(1);
  auto slash = section.find('/');
  std::string_view head = section.substr(0, slash);
  auto prefix = std::find_if(kPrefixes.begin(), kPrefixes.end(),
                             [&](const Prefix& p) { return p.name == head; });
  AttachPoint point;
  if (prefix == kPrefixes.end()) return point;
  point.kind = prefix->kind;
  if (slash != std::string_view::npos) fill_target(point, section.substr(slash + 1));
  return point;
}

std::vector<std::string> attach_targets(const ObjectFacts& facts) {
  std::vector<std::string> out;
  for (const auto& prog : facts.programs) {
    switch (prog.attach.kind) {
      case AttachKind::kKprobe:
      case AttachKind::kKretprobe:
      case AttachKind::kFentry:
      case AttachKind::kFexit:
      case AttachKind::kFmodRet:
        break;
      default:
        continue;
    }
    const std::string& fn = prog.attach.function;
    if (!fn.empty() && std::find(out.begin(), out.end(), fn) == out.end()) out.push_back(fn);
  }
  return out;
}

}  // namespace bpfcompat::inspect
