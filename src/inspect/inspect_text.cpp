// inspect_text: `bpfcompat inspect`'s readable form, one block per program and per map, then
// the CO-RE relocations grouped by the root type the kernel's BTF must have.
#include <map>

#include <fmt/format.h>

#include "bpfcompat/inspect/helper_table.h"
#include "bpfcompat/inspect/inspect_output.h"

namespace bpfcompat::inspect {
namespace {

std::string joined(const std::vector<std::string>& items) {
  if (items.empty()) return "-";
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string target_of(const AttachPoint& a) {
  std::string kind(attach_kind_name(a.kind));
  switch (a.kind) {
    case AttachKind::kNone:
      return "-";
    case AttachKind::kTracepoint:
      return a.category.empty() ? kind : fmt::format("{} {}/{}", kind, a.category, a.name);
    case AttachKind::kUprobe:
    case AttachKind::kUretprobe:
      return fmt::format("{} {}{}{}", kind, a.binary, a.function.empty() ? "" : ":", a.function);
    default:
      if (!a.module.empty()) return fmt::format("{} {}:{}", kind, a.module, a.function);
      return a.function.empty() ? kind : fmt::format("{} {}", kind, a.function);
  }
}

void line(std::string& out, std::string_view key, const std::string& value) {
  out += fmt::format("  {:<18}{}\n", key, value);
}

void program(std::string& out, const ProgramFacts& p, const std::string& license) {
  const CodeFacts& c = p.code;
  std::vector<std::string> helpers, gpl, kfuncs;
  for (const auto& h : c.helpers) {
    helpers.push_back(fmt::format("{} ({})", h.name, h.id));
    if (h.gpl_only) gpl.push_back(h.name);
  }
  for (const auto& k : c.kfuncs) kfuncs.push_back(k.weak ? k.name + " (weak)" : k.name);
  out += fmt::format("\nprogram {}{}\n", p.name, p.autoload ? "" : " (not autoloaded)");
  line(out, "section", p.section);
  // 0 is both "none" and BPF_CGROUP_INET_INGRESS: said only where it can be the latter.
  bool has_attach_type = p.expected_attach_type != 0 || p.prog_type_name.rfind("cgroup", 0) == 0;
  line(out, "type",
       has_attach_type && !p.expected_attach_type_name.empty()
           ? fmt::format("{}, attach type {}", p.prog_type_name, p.expected_attach_type_name)
           : p.prog_type_name);
  line(out, "target", target_of(p.attach));
  line(out, "sleepable", p.sleepable ? "yes" : "no");
  line(out, "instructions",
       c.total_instructions == c.instructions
           ? std::to_string(c.instructions)
           : fmt::format("{} ({} with subprograms)", c.instructions, c.total_instructions));
  line(out, "helpers", joined(helpers));
  bool refused = !gpl.empty() && !license_is_gpl_compatible(license);
  line(out, "GPL-only helpers",
       joined(gpl) +
           (refused ? fmt::format(" (refused: license '{}' is not GPL-compatible)", license) : ""));
  line(out, "kfuncs", joined(kfuncs));
  line(out, "subprograms", joined(c.subprograms));
  line(out, "callbacks", joined(c.callbacks));
  line(out, "tail calls", c.tail_calls ? "yes" : "no");
  line(out, "maps", joined(c.maps));
  line(out, "global data", joined(c.global_data));
}

void map(std::string& out, const MapFacts& m) {
  out += fmt::format("\nmap {}{}\n", m.name, m.internal ? " (global data)" : "");
  line(out, "type", m.type_name);
  line(out, "key/value size", fmt::format("{} / {} bytes", m.key_size, m.value_size));
  line(out, "max_entries",
       m.max_entries == 0 ? "0 (sized at run time)" : std::to_string(m.max_entries));
  line(out, "flags", fmt::format("{:#x}", m.map_flags));
  if (!m.pin_path.empty()) line(out, "pinned", m.pin_path);
  if (m.inner_map) {
    const InnerMapFacts& i = *m.inner_map;
    line(out, "inner map",
         fmt::format("{}, key {} / value {} bytes, max_entries {}", i.type_name, i.key_size,
                     i.value_size, i.max_entries));
  }
}

void relocations(std::string& out, const ObjectFacts& f) {
  if (!f.core_error.empty()) out += fmt::format("\nCO-RE relocations: {}\n", f.core_error);
  if (f.core_relocations.empty()) return;
  out += fmt::format("\nCO-RE relocations ({})\n", f.core_relocations.size());
  std::map<std::string, std::vector<const CoreRelocation*>> by_root;
  for (const auto& r : f.core_relocations) by_root[r.root_type].push_back(&r);
  for (const auto& [root, relos] : by_root) {
    out += fmt::format("  {}\n", root);
    for (const CoreRelocation* r : relos) {
      out += fmt::format("    {:<18} {:<24} {}{}{}\n", core_relo_kind_name(r->kind),
                         r->field.empty() ? "-" : r->field, r->program.empty() ? "?" : r->program,
                         r->local_type == r->root_type ? "" : " as " + r->local_type,
                         r->guarded ? "" : "  (unguarded)");
    }
  }
}

}  // namespace

std::string inspect_text(const ObjectFacts& f) {
  std::string out = fmt::format("object {}\n", f.path);
  line(out, "license",
       f.license.empty()
           ? "none"
           : fmt::format(
                 "{} ({})", f.license,
                 license_is_gpl_compatible(f.license) ? "GPL-compatible" : "not GPL-compatible"));
  line(out, "BTF",
       fmt::format("{}, BTF.ext {}", f.has_btf ? "yes" : "no", f.has_btf_ext ? "yes" : "no"));
  if (!f.opened()) line(out, "libbpf", "cannot open it: " + f.open_error);
  for (const auto& p : f.programs) program(out, p, f.license);
  for (const auto& m : f.maps) map(out, m);
  for (const auto& m : f.legacy_maps) {
    out += fmt::format("\nlegacy map {} (SEC(\"maps\"))\n", m.name);
    line(out, "type", m.type_name.empty() ? std::to_string(m.type) : m.type_name);
    line(out, "key/value size", fmt::format("{} / {} bytes", m.key_size, m.value_size));
    line(out, "max_entries", std::to_string(m.max_entries));
  }
  relocations(out, f);
  return out;
}

}  // namespace bpfcompat::inspect
