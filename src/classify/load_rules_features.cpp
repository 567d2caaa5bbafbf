// Load-failure rules about kernel features the object needs: map types, program types, helpers
// and kfuncs. Each is decided from the validator's probes first and libbpf's words second.
#include <algorithm>
#include <cerrno>

#include <fmt/format.h>

#include "load_rules.h"
#include "log_lines.h"

namespace bpfcompat::classify {
namespace {

constexpr long long kCoreRelocationPoison = 195896080;  // libbpf's 0xbad2310

// libbpf ends its errors with "...: Invalid argument(-22)"; 0 when absent.
int trailing_errno(std::string_view line) {
  std::size_t at = line.rfind("(-");
  if (at == std::string_view::npos) return 0;
  return static_cast<int>(std::max(0LL, number_after(line.substr(at), "(-")));
}

const validation::MapResult* find_map(const validation::ArtifactResult& a, std::string_view name) {
  for (const auto& m : a.maps) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::string unsupported_map_remediation(const validation::MapResult& m,
                                        const validation::GuestFacts* guest) {
  std::string type = map_type_enum(m.type_name, m.type);
  auto since = map_type_since(m.type);
  std::string alt = map_type_alternative(m.type);
  std::string head =
      since && kernel_older_than(guest, *since)
          ? fmt::format("{} needs Linux {}.", type, since->str())
          : fmt::format("This kernel was built without {} (or it needs a newer kernel).", type);
  std::string fix = alt.empty()
                        ? fmt::format("Ship a variant without map '{}' for this kernel", m.name)
                        : fmt::format("Use {} instead on this kernel", alt);
  return fmt::format(
      "{} {}, selected at load time with libbpf_probe_bpf_map_type(); a map only some programs "
      "need can be skipped with bpf_map__set_autocreate(map, false).",
      head, fix);
}

std::string helper_display(const validation::HelperUse& h) {
  return h.name.empty() ? fmt::format("helper #{}", h.id) : "bpf_" + h.name;
}

std::string helper_remediation(const validation::HelperUse& h, const validation::ProgramResult& p,
                               const validation::GuestFacts* guest) {
  std::string name = helper_display(h);
  auto since = helper_since(h.id);
  if (since && kernel_older_than(guest, *since) && !h.name.empty()) {
    std::string alt = helper_alternative(h.name);
    return fmt::format(
        "{} needs Linux {} or newer. Ship a variant for older kernels {}, chosen at load time "
        "with libbpf_probe_bpf_helper({}, BPF_FUNC_{}).",
        name, since->str(),
        alt.empty() ? std::string("without it") : fmt::format("that uses {} instead", alt),
        prog_type_enum(p.type_name, p.type), h.name);
  }
  return fmt::format(
      "This kernel does not allow {} in {} programs: call it from a program type that may use "
      "it, or guard the call with a trial load of the program at load time (libbpf 1.4's "
      "libbpf_probe_bpf_helper() calls it supported on Linux 6.2+, which words the refusal "
      "\"program of this type cannot use helper\").",
      name, prog_type_enum(p.type_name, p.type));
}

// The verifier line that names helper #id ("invalid func unknown#181", "unknown func bpf_x#181").
std::string helper_line(std::string_view verifier_tail, int id) {
  return last_line_with(verifier_tail, fmt::format("#{}", id));
}

// "bpf_loop" in "unknown func bpf_loop#181" → "loop"; "" when the line names none.
std::string helper_name_in(std::string_view line) {
  std::size_t at = line.find(" bpf_");
  std::size_t hash = line.find('#', at == std::string_view::npos ? 0 : at);
  if (at == std::string_view::npos || hash == std::string_view::npos) return "";
  return std::string(line.substr(at + 5, hash - at - 5));
}

Verdict kfunc_verdict(const LoadFacts& f, const std::string& name, std::string evidence) {
  bool fact = false;
  for (const auto& k : f.artifact->kfuncs) fact |= (k.name == name && !k.found);
  return make_verdict(
      Status::kFail, "UNSUPPORTED_KFUNC", fact ? Confidence::kHigh : Confidence::kMedium,
      fmt::format("kfunc {} is not available on {}", name, kernel_label(f.guest)),
      std::move(evidence),
      fmt::format("kfuncs are not a stable interface and {} is missing from this kernel's BTF. "
                  "Declare it __weak and call it only when bpf_ksym_exists({}) is true, or ship "
                  "a variant for this kernel; if a module provides it, load that module (the "
                  "profile's modules:).",
                  name, name));
}

}  // namespace

std::optional<Verdict> rule_map_type(const LoadFacts& f) {
  std::string line = first_line_with(f.load->libbpf_tail, "': failed to create");
  if (line.empty()) return std::nullopt;
  const validation::MapResult* map = find_map(*f.artifact, quoted_after(line, "map "));
  int err = trailing_errno(line);
  if (err == EPERM || err == EACCES) return std::nullopt;  // a permission problem, not the type
  if (map == nullptr || !map->supported.has_value()) {
    std::string name = map ? map->name : quoted_after(line, "map ");
    return make_verdict(
        Status::kFail, "UNSUPPORTED_MAP_TYPE", Confidence::kMedium,
        fmt::format("map '{}' could not be created on {}", name, kernel_label(f.guest)), line,
        map ? unsupported_map_remediation(*map, f.guest)
            : "Check that this kernel supports the map's type and flags, or ship "
              "a variant without it.");
  }
  std::string type = map_type_enum(map->type_name, map->type);
  if (!*map->supported) {
    return make_verdict(Status::kFail, "UNSUPPORTED_MAP_TYPE", Confidence::kHigh,
                        fmt::format("map '{}' is a {}, which {} does not support", map->name, type,
                                    kernel_label(f.guest)),
                        line, unsupported_map_remediation(*map, f.guest));
  }
  if (map->max_entries == 0) {
    // Falco's and Inspektor Gadget's pattern: the loader sets the size before load.
    return make_verdict(
        Status::kFail, "RUNTIME_SIZED_MAP", Confidence::kHigh,
        fmt::format("map '{}' has max_entries 0: its loader sizes it at run time, and this run "
                    "was not told the size",
                    map->name),
        line,
        fmt::format("Declare the size your loader sets in a manifest and pass it with --manifest "
                    "(a map of maps also needs inner_ringbuf_bytes or inner_map):\n"
                    "maps:\n  - name: {}\n    max_entries: 1024   # or: cpus",
                    map->name));
  }
  // libbpf-tools' stack-trace maps: no value type in the object, bpf_map__set_value_size at run
  // time. Ring buffers and arenas have no value size by design.
  bool no_value_by_design = map->type == 27 || map->type == 31 || map->type == 33;
  if (map->value_size == 0 && !no_value_by_design) {
    return make_verdict(
        Status::kFail, "RUNTIME_SIZED_MAP",
        map->type == 7 ? Confidence::kHigh : Confidence::kMedium,
        fmt::format("map '{}' has value_size 0: its loader sizes its values at run time, and this "
                    "run was not told the size",
                    map->name),
        line,
        fmt::format("Declare the value size your loader sets (bpf_map__set_value_size) in a "
                    "manifest and pass it with --manifest:\n"
                    "maps:\n  - name: {}\n    value_size: 1016   # e.g. 127 stack frames x 8 bytes",
                    map->name));
  }
  return make_verdict(
      Status::kFail, "MAP_CREATION_FAILURE", Confidence::kMedium,
      fmt::format("{} supports {} but rejected the definition of map '{}'", kernel_label(f.guest),
                  type, map->name),
      line, "Check the map's key/value sizes, flags and max_entries against this kernel's limits.");
}

std::optional<Verdict> rule_program_type(const LoadFacts& f) {
  for (const auto* p : f.programs) {
    std::string type = prog_type_enum(p->type_name, p->type);
    auto since = prog_type_since(p->type);
    bool too_old = since && kernel_older_than(f.guest, *since);
    bool probed_no = p->prog_type_supported == false;
    bool inferred = !p->prog_type_supported.has_value() && too_old && f.load->err == EINVAL &&
                    verifier_error_line(f.load->verifier_tail).empty();
    if (!probed_no && !inferred) continue;
    std::string why = too_old ? fmt::format("{} needs Linux {}.", type, since->str())
                              : fmt::format("This kernel was built without {}.", type);
    return make_verdict(
        Status::kFail, "UNSUPPORTED_PROGRAM_TYPE", Confidence::kHigh,
        fmt::format("program type {} is not supported by {}", type, kernel_label(f.guest)),
        load_evidence(*f.load),
        why +
            " Ship a variant that does not need it, or skip this program on such kernels "
            "(bpf_program__set_autoload(prog, false) after libbpf_probe_bpf_prog_type()).");
  }
  std::string line = first_line_with(f.load->libbpf_tail, "missing BPF prog type");
  if (line.empty()) return std::nullopt;
  std::string section = quoted_after(line, "ELF section name ");
  return make_verdict(Status::kFail, "UNSUPPORTED_PROGRAM_TYPE", Confidence::kMedium,
                      fmt::format("libbpf cannot tell the program type of section '{}'", section),
                      line,
                      "Use a SEC() name from libbpf's program-type table, or set the type with "
                      "bpf_program__set_type() before loading.");
}

std::optional<Verdict> rule_kfunc_named(const LoadFacts& f) {
  std::string line = first_line_with(f.load->libbpf_tail, "extern (func ksym) '");
  if (!line.empty() && contains_ci(line, "not found")) {
    return kfunc_verdict(f, quoted_after(line, "extern (func ksym) "), line);
  }
  line = first_line_with(f.load->verifier_tail, "is referenced but wasn't resolved");
  if (!line.empty() && contains_ci(line, "kfunc '")) {
    return kfunc_verdict(f, quoted_after(line, "kfunc "), line);
  }
  return std::nullopt;
}

std::optional<Verdict> rule_helper(const LoadFacts& f) {
  for (const auto* p : f.programs) {
    for (const auto& h : p->helpers) {
      if (h.supported != false) continue;
      std::string evidence = helper_line(f.load->verifier_tail, h.id);
      return make_verdict(Status::kFail, "UNSUPPORTED_HELPER", Confidence::kHigh,
                          fmt::format("{} is not available to {} programs on {}", helper_display(h),
                                      prog_type_enum(p->type_name, p->type), kernel_label(f.guest)),
                          evidence.empty() ? load_evidence(*f.load) : evidence,
                          helper_remediation(h, *p, f.guest));
    }
  }
  // No probe facts: the verifier's own words about an unknown helper.
  for (const char* marker : {"invalid func unknown#", "unknown func ", "cannot use helper "}) {
    std::string line = last_line_with(f.load->verifier_tail, marker);
    long long id = number_after(line, "#");
    if (line.empty() || id == kCoreRelocationPoison) continue;
    validation::HelperUse h{static_cast<int>(id), "", std::nullopt};
    for (const auto* p : f.programs) {
      for (const auto& used : p->helpers) {
        if (used.id == h.id) h.name = used.name;
      }
    }
    if (h.name.empty()) h.name = helper_name_in(line);
    const validation::ProgramResult* p = f.programs.empty() ? nullptr : f.programs.front();
    return make_verdict(
        Status::kFail, "UNSUPPORTED_HELPER", Confidence::kMedium,
        fmt::format("{} is not available on {}", helper_display(h), kernel_label(f.guest)), line,
        p ? helper_remediation(h, *p, f.guest)
          : "Guard the helper with a load-time check (libbpf_probe_bpf_helper()).");
  }
  return std::nullopt;
}

std::optional<Verdict> rule_kfunc_facts(const LoadFacts& f) {
  // A __weak kfunc guarded by bpf_ksym_exists() is missing harmlessly: blame it only when the
  // log names it or nothing else (a verifier error) explains the failure.
  bool verifier_spoke = !verifier_error_line(f.load->verifier_tail).empty();
  for (const auto& k : f.artifact->kfuncs) {
    if (k.found) continue;
    std::string line = last_line_with(f.log(), k.name);
    if (line.empty() && verifier_spoke) continue;
    Verdict v = kfunc_verdict(f, k.name, line.empty() ? load_evidence(*f.load) : line);
    if (line.empty()) v.confidence = Confidence::kMedium;  // missing, but not named by the log
    return v;
  }
  return std::nullopt;
}

}  // namespace bpfcompat::classify
