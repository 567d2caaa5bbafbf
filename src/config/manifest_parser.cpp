// load_manifest(): a manifest file → Manifest, every problem of the file reported in one pass.
// Programs, runtime-sized maps and program-type overrides are read here; variants and functional
// tests in files of their own.
#include <cctype>
#include <filesystem>

#include <fmt/format.h>

#include "bpfcompat/core/file_io.h"
#include "did_you_mean.h"
#include "field_rules.h"
#include "manifest_reader.h"
#include "profile_parser.h"

namespace bpfcompat::config {
namespace {

constexpr std::size_t kMaxManifestBytes = 1u << 20;
constexpr long long kMaxU32 = 0xffffffffLL;

const std::vector<std::string> kManifestKeys = {"name",
                                                "programs",
                                                "maps",
                                                "program_types",
                                                "program_variants",
                                                "probe_companions",
                                                "required_profiles",
                                                "functional_tests",
                                                "metadata"};

const std::vector<std::string> kAttachKinds = {
    "",    "tracepoint", "raw_tracepoint", "kprobe", "kretprobe", "fentry", "fexit",
    "xdp", "tc",         "cgroup",         "lsm",    "uprobe"};

const std::vector<std::string> kInnerMapTypes = {"hash",        "array",        "lru_hash",
                                                 "percpu_hash", "percpu_array", "lru_percpu_hash"};

const std::vector<std::string> kProgramTypes = {
    "socket_filter", "kprobe",      "tracepoint", "raw_tracepoint", "xdp",    "perf_event",
    "cgroup_skb",    "cgroup_sock", "sched_cls",  "sched_act",      "sk_skb", "sk_msg",
    "tracing",       "lsm"};

void read_attach(YamlReader& r, const Field& f, ManifestAttach& attach) {
  if (!r.expect_map(f, "e.g. 'attach: {kind: tracepoint, required: true}'")) return;
  ContextScope scope(r, "attach");
  r.check_keys(f.value, {"kind", "category", "name", "symbol", "required"});
  if (auto k = find_field(f.value, "kind")) {
    attach.kind = read_word(r, *k, "attach kind", kAttachKinds).value_or("");
  }
  if (auto k = find_field(f.value, "category")) attach.category = r.string(*k).value_or("");
  if (auto k = find_field(f.value, "name")) attach.name = r.string(*k).value_or("");
  if (auto k = find_field(f.value, "symbol")) attach.symbol = r.string(*k).value_or("");
  if (auto k = find_field(f.value, "required")) attach.required = r.boolean(*k);
}

void read_programs(YamlReader& r, const Field& list, Manifest& m) {
  const std::string example = "- name: on_exec";
  if (!expect_list(r, list, example)) return;
  UniqueNames names("program name");
  std::size_t index = 0;
  for (const auto& item : list.value) {
    if (!expect_item_map(r, item, list, index++, example)) continue;
    r.check_keys(item, {"name", "section", "type", "attach"});
    ManifestProgram program;
    auto name = find_field(item, "name");
    if (!name) {
      r.error(item, "program entry has no 'name'", "add 'name:' with the program's function name");
    } else if (auto text = r.non_empty_string(*name)) {
      names.add(r, *name, *text);
      program.name = *text;
    }
    ContextScope scope(r, program.name.empty() ? fmt::format("program #{}", index)
                                               : fmt::format("program '{}'", program.name));
    if (auto f = find_field(item, "section")) program.section = r.string(*f).value_or("");
    if (auto f = find_field(item, "type")) program.type = r.string(*f).value_or("");
    if (auto f = find_field(item, "attach")) read_attach(r, *f, program.attach);
    m.programs.push_back(std::move(program));
  }
}

void read_inner_map(YamlReader& r, const Field& f, ManifestMap& map) {
  if (!r.expect_map(f, "e.g. '{type: hash, key_size: 4, value_size: 4, max_entries: 64}'")) {
    return;
  }
  ContextScope scope(r, "inner_map");
  r.check_keys(f.value, {"type", "key_size", "value_size", "max_entries"});
  InnerMapSpec spec;
  if (auto k = find_field(f.value, "type")) {
    spec.type = read_word(r, *k, "inner map type", kInnerMapTypes).value_or("");
  } else {
    r.error(f, "'inner_map' has no 'type'", "add 'type:', e.g. 'type: hash'");
  }
  if (auto k = find_field(f.value, "key_size")) {
    spec.key_size = static_cast<unsigned>(read_integer(r, *k, 0, kMaxU32).value_or(0));
  }
  for (const char* key : {"value_size", "max_entries"}) {
    auto k = find_field(f.value, key);
    if (!k) {
      r.error(f, fmt::format("'inner_map' has no '{}'", key), "it must be a positive integer");
      continue;
    }
    auto value = static_cast<unsigned>(read_integer(r, *k, 1, kMaxU32).value_or(0));
    (std::string(key) == "value_size" ? spec.value_size : spec.max_entries) = value;
  }
  map.inner_map = spec;
}

void read_map_max_entries(YamlReader& r, const Field& f, ManifestMap& map) {
  if (f.value.IsScalar() && f.value.Scalar() == "cpus") {
    map.max_entries_cpus = true;
  } else if (f.value.IsScalar() && f.value.Tag() != "!" && !f.value.Scalar().empty() &&
             !std::isdigit(static_cast<unsigned char>(f.value.Scalar()[0])) &&
             f.value.Scalar()[0] != '-') {
    r.error(f,
            fmt::format("'max_entries' must be a positive integer or 'cpus', got '{}'",
                        f.value.Scalar()),
            did_you_mean(f.value.Scalar(), {"cpus"}));
  } else if (auto n = read_integer(r, f, 1, kMaxU32)) {
    map.max_entries = static_cast<unsigned>(*n);
  }
}

void read_maps(YamlReader& r, const Field& list, Manifest& m) {
  const std::string example = "- name: events";
  if (!expect_list(r, list, example)) return;
  UniqueNames names("map name");
  std::size_t index = 0;
  for (const auto& item : list.value) {
    if (!expect_item_map(r, item, list, index++, example)) continue;
    r.check_keys(item, {"name", "max_entries", "value_size", "inner_ringbuf_bytes", "inner_map"});
    ManifestMap map;
    auto name = find_field(item, "name");
    if (!name) {
      r.error(item, "map entry has no 'name'", "add 'name:' with the map's name in the object");
    } else if (auto text = read_name(r, *name, "map name", 64)) {
      names.add(r, *name, *text);
      map.name = *text;
    }
    ContextScope scope(
        r, map.name.empty() ? fmt::format("map #{}", index) : fmt::format("map '{}'", map.name));
    auto max_entries = find_field(item, "max_entries");
    auto value_size = find_field(item, "value_size");
    auto ringbuf = find_field(item, "inner_ringbuf_bytes");
    auto inner = find_field(item, "inner_map");
    if (max_entries) read_map_max_entries(r, *max_entries, map);
    if (value_size) {
      if (auto n = read_integer(r, *value_size, 1, kMaxU32)) {
        map.value_size = static_cast<unsigned>(*n);
      }
    }
    if (ringbuf) {
      if (auto n = read_integer(r, *ringbuf, 1, kMaxU32)) {
        map.inner_ringbuf_bytes = static_cast<unsigned>(*n);
      }
    }
    if (inner) read_inner_map(r, *inner, map);
    if (!max_entries && !value_size && !ringbuf && !inner) {
      r.error(item, fmt::format("map '{}' sets nothing", map.name),
              "set at least one of max_entries, value_size, inner_ringbuf_bytes or inner_map");
    }
    m.maps.push_back(std::move(map));
  }
}

void read_program_types(YamlReader& r, const Field& list, Manifest& m) {
  const std::string example = "- {program: socket1, type: socket_filter}";
  if (!expect_list(r, list, example)) return;
  UniqueNames selectors("program type override for");
  std::size_t index = 0;
  for (const auto& item : list.value) {
    if (!expect_item_map(r, item, list, index++, example)) continue;
    r.check_keys(item, {"program", "type"});
    ProgramTypeOverride entry;
    auto program = find_field(item, "program");
    auto type = find_field(item, "type");
    if (!program) r.error(item, "program type entry has no 'program'", "add 'program:'");
    if (!type) r.error(item, "program type entry has no 'type'", "add 'type:'");
    if (program) {
      if (auto text = read_name(r, *program, "program selector", 128, "/-")) {
        selectors.add(r, *program, *text);
        entry.program = *text;
      }
    }
    if (type) entry.type = read_word(r, *type, "program type", kProgramTypes).value_or("");
    m.program_types.push_back(std::move(entry));
  }
}

void read_probe_companions(YamlReader& r, const Field& list, Manifest& m) {
  if (!expect_list(r, list, "probe_companions: [tail_dispatch_0]")) return;
  for (const auto& item : list.value) {
    if (auto name = read_name(r, Field(item, item, "probe_companions"), "program name", 64)) {
      m.probe_companions.push_back(*name);
    }
  }
}

void read_required_profiles(YamlReader& r, const Field& list, Manifest& m) {
  if (!expect_list(r, list, "- debian-12")) return;
  UniqueNames ids("required profile");
  for (const auto& item : list.value) {
    Field f(item, item, "required_profiles");
    auto id = r.non_empty_string(f);
    if (!id) continue;
    if (!is_valid_profile_id(*id)) {
      r.error(f, fmt::format("invalid profile id '{}'", *id), kProfileIdRule);
    } else if (ids.add(r, f, *id)) {
      m.required_profiles.push_back(*id);
    }
  }
}

void read_manifest(YamlReader& r, const YAML::Node& root, Manifest& m) {
  if (root.IsNull()) {
    r.file_error("empty manifest; expected keys such as 'programs', 'maps' or 'functional_tests'");
    return;
  }
  if (!root.IsMap()) {
    r.error(root, "a manifest must be a mapping", "start it with 'name:' or 'programs:'");
    return;
  }
  r.check_keys(root, kManifestKeys);
  if (auto f = find_field(root, "name")) m.name = r.string(*f).value_or("");
  if (auto f = find_field(root, "programs")) read_programs(r, *f, m);
  if (auto f = find_field(root, "maps")) read_maps(r, *f, m);
  if (auto f = find_field(root, "program_types")) read_program_types(r, *f, m);
  if (auto f = find_field(root, "program_variants")) read_program_variants(r, *f, m);
  if (auto f = find_field(root, "probe_companions")) read_probe_companions(r, *f, m);
  if (auto f = find_field(root, "required_profiles")) read_required_profiles(r, *f, m);
  if (auto f = find_field(root, "functional_tests")) read_functional_tests(r, *f, m);
  if (auto f = find_field(root, "metadata"); f && !f->value.IsNull()) {
    r.expect_map(*f, "free-form keys and values, e.g. 'metadata: {owner: team-x}'");
  }
}

std::optional<Manifest> parse_manifest(const std::string& path, const std::string& text,
                                       Diagnostics& diagnostics) {
  std::size_t before = diagnostics.items().size();
  std::error_code ec;
  auto absolute = std::filesystem::absolute(path, ec).lexically_normal();
  if (ec) absolute = std::filesystem::path(path);
  YamlReader r(SourceText::from(path, text), diagnostics, absolute.parent_path().string());
  Manifest manifest;
  manifest.path = absolute.string();
  try {
    if (auto root = r.parse(text)) read_manifest(r, *root, manifest);
  } catch (const YAML::Exception& e) {  // a yaml-cpp surprise still becomes a diagnostic
    r.error_at_mark(e.mark, e.msg);
  }
  if (diagnostics.items().size() != before) return std::nullopt;
  return manifest;
}

}  // namespace

std::optional<Manifest> read_manifest_file(const std::string& path, Diagnostics& diagnostics) {
  auto text = read_file(path, kMaxManifestBytes);
  if (!text) {
    diagnostics.add(Diagnostic{{}, 0, 0, text.error().message, {}, {}, {}});  // names the path
    return std::nullopt;
  }
  return parse_manifest(path, *text, diagnostics);
}

Result<Manifest> load_manifest(const std::string& path) {
  auto text = read_file(path, kMaxManifestBytes);
  if (!text) return std::move(text).error();
  Diagnostics diagnostics;
  auto manifest = parse_manifest(path, *text, diagnostics);
  if (!manifest) return diagnostics.to_error();
  return std::move(*manifest);
}

}  // namespace bpfcompat::config
