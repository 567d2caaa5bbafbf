// inspect_json: the contract of `bpfcompat inspect --json` (docs/inspect-schema.json). Keys keep
// the schema's order; optional facts are null, never missing.
#include <nlohmann/json.hpp>

#include "bpfcompat/inspect/helper_table.h"
#include "bpfcompat/inspect/inspect_output.h"

namespace bpfcompat::inspect {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kSchemaVersion = "1.0";

Json or_null(const std::string& s) {
  return s.empty() ? Json(nullptr) : Json(s);
}

Json attach(const AttachPoint& a) {
  return {{"kind", std::string(attach_kind_name(a.kind))},
          {"function", or_null(a.function)},
          {"module", or_null(a.module)},
          {"tracepoint_category", or_null(a.category)},
          {"tracepoint_name", or_null(a.name)},
          {"binary", or_null(a.binary)}};
}

Json program(const ProgramFacts& p) {
  const CodeFacts& c = p.code;
  Json helpers = Json::array(), kfuncs = Json::array(), gpl = Json::array();
  for (const auto& h : c.helpers) {
    helpers.push_back(
        {{"id", h.id}, {"name", h.name}, {"gpl_only", h.gpl_only}, {"calls", h.calls}});
    if (h.gpl_only) gpl.push_back(h.name);
  }
  for (const auto& k : c.kfuncs) kfuncs.push_back({{"name", k.name}, {"weak", k.weak}});
  return {{"name", p.name},
          {"section", p.section},
          {"autoload", p.autoload},
          {"prog_type", {{"id", p.prog_type}, {"name", p.prog_type_name}}},
          {"expected_attach_type",
           {{"id", p.expected_attach_type}, {"name", or_null(p.expected_attach_type_name)}}},
          {"attach", attach(p.attach)},
          {"sleepable", p.sleepable},
          {"instructions", c.instructions},
          {"total_instructions", c.total_instructions},
          {"helpers", helpers},
          {"gpl_only_helpers", gpl},
          {"kfuncs", kfuncs},
          {"subprograms", c.subprograms},
          {"callbacks", c.callbacks},
          {"tail_calls", c.tail_calls},
          {"maps", c.maps},
          {"global_data", c.global_data}};
}

Json inner(const std::optional<InnerMapFacts>& m) {
  if (!m) return nullptr;
  return {{"type", {{"id", m->type}, {"name", m->type_name}}},
          {"key_size", m->key_size},
          {"value_size", m->value_size},
          {"max_entries", m->max_entries},
          {"map_flags", m->map_flags}};
}

Json map(const MapFacts& m) {
  return {{"name", m.name},
          {"type", {{"id", m.type}, {"name", m.type_name}}},
          {"key_size", m.key_size},
          {"value_size", m.value_size},
          {"max_entries", m.max_entries},
          {"runtime_sized", m.max_entries == 0},
          {"map_flags", m.map_flags},
          {"internal", m.internal},
          {"pin_path", or_null(m.pin_path)},
          {"inner_map", inner(m.inner_map)}};
}

Json legacy_map(const LegacyMapDef& m) {
  return {{"name", m.name},
          {"type", {{"id", m.type}, {"name", or_null(m.type_name)}}},
          {"key_size", m.key_size},
          {"value_size", m.value_size},
          {"max_entries", m.max_entries},
          {"map_flags", m.map_flags}};
}

Json relocation(const CoreRelocation& r) {
  return {{"program", or_null(r.program)}, {"section", r.section},
          {"insn_offset", r.insn_offset},  {"kind", std::string(core_relo_kind_name(r.kind))},
          {"root_type", r.root_type},      {"local_type", r.local_type},
          {"type_id", r.type_id},          {"access", r.access},
          {"field", or_null(r.field)},     {"guarded", r.guarded}};
}

template <typename T, typename F>
Json array_of(const std::vector<T>& items, F f) {
  Json out = Json::array();
  for (const auto& x : items) out.push_back(f(x));
  return out;
}

}  // namespace

std::string inspect_json(const ObjectFacts& facts) {
  Json out = {{"schema_version", kSchemaVersion},
              {"path", facts.path},
              {"license", or_null(facts.license)},
              {"gpl_compatible", license_is_gpl_compatible(facts.license)},
              {"btf", facts.has_btf},
              {"btf_ext", facts.has_btf_ext},
              {"libbpf_open_error", or_null(facts.open_error)},
              {"programs", array_of(facts.programs, program)},
              {"maps", array_of(facts.maps, map)},
              {"legacy_maps", array_of(facts.legacy_maps, legacy_map)},
              {"core_relocations", array_of(facts.core_relocations, relocation)},
              {"core_relocation_error", or_null(facts.core_error)}};
  return out.dump(2) + "\n";
}

}  // namespace bpfcompat::inspect
