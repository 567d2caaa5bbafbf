#include "bpfcompat/inspect/input_check.h"

#include <vector>

#include <fmt/format.h>

#include "btf_map_source.h"

namespace bpfcompat::inspect {
namespace {

constexpr const char* kRebuildWithBtf = "rebuild with -g (clang -O2 -g -target bpf ...)";

struct Finding {
  std::string message;  // without the file name
  std::string hint;
};

void legacy_maps(const ObjectFacts& facts, std::vector<Finding>& out) {
  if (facts.legacy_maps.empty()) return;
  std::string names, sources;
  for (const auto& m : facts.legacy_maps) {
    names += fmt::format("{}{}", names.empty() ? "" : ", ", m.name);
    sources += "\n" + btf_map_source(m);
  }
  out.push_back({fmt::format("legacy SEC(\"maps\") map definitions ({}), which libbpf >= 1.0 "
                             "(and so the validator) cannot open",
                             names),
                 "define each map in SEC(\".maps\") with BTF (and build with -g):" + sources});
}

void open_failure(const ObjectFacts& facts, std::vector<Finding>& out) {
  if (facts.opened()) return;
  if (!facts.has_btf) {
    out.push_back({fmt::format("built without BTF (clang without -g), so libbpf cannot open it: {}",
                               facts.open_error),
                   kRebuildWithBtf});
  } else if (facts.legacy_maps.empty()) {
    out.push_back({fmt::format("libbpf cannot open it: {}", facts.open_error),
                   "rebuild it with a current clang and libbpf headers (clang -O2 -g -target bpf "
                   "...; libbpf >= 1.0)"});
  }
}

void programs(const ObjectFacts& facts, const InputRules& rules, std::vector<Finding>& out) {
  if (facts.programs.empty()) {
    out.push_back({"has no BPF programs",
                   "put programs in sections named for their type, e.g. "
                   "SEC(\"tracepoint/syscalls/sys_enter_execve\")"});
  }
  for (const auto& p : facts.programs) {
    if (p.prog_type != 0 || rules.typed_programs.count(p.name) ||
        rules.typed_programs.count(p.section)) {
      continue;
    }
    out.push_back(
        {fmt::format("section '{}' (program '{}') names no program type", p.section, p.name),
         fmt::format("set it in the manifest's program_types: [{{program: {}, type: ...}}], or "
                     "name the section for its type (e.g. SEC(\"kprobe/...\"))",
                     p.name)});
  }
}

}  // namespace

Result<void> check_input(const ObjectFacts& facts, const InputRules& rules) {
  std::vector<Finding> findings;
  legacy_maps(facts, findings);
  open_failure(facts, findings);
  programs(facts, rules, findings);
  if (findings.empty()) return {};
  if (findings.size() == 1) {
    return invalid_input(fmt::format("{}: {}", facts.path, findings[0].message), findings[0].hint);
  }
  std::string message = fmt::format("{}: {} problems:", facts.path, findings.size());
  std::string hint;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    message += fmt::format("\n  {}. {}", i + 1, findings[i].message);
    hint += fmt::format("{}{}. {}", i ? "\n" : "", i + 1, findings[i].hint);
  }
  return invalid_input(std::move(message), std::move(hint));
}

}  // namespace bpfcompat::inspect
