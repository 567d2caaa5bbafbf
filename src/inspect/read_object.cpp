#include <bpf/libbpf.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "bpfcompat/inspect/object_facts.h"
#include "core_relocations.h"
#include "elf_facts.h"
#include "libbpf_capture.h"

namespace bpfcompat::inspect {
namespace {

struct ObjectCloser {
  void operator()(bpf_object* o) const { bpf_object__close(o); }
};
using ObjectPtr = std::unique_ptr<bpf_object, ObjectCloser>;

std::string or_empty(const char* s) {
  return s ? s : "";
}

// libbpf's sleepable sections (SEC_SLEEPABLE, applied only at load): "<kind>.s/..." or "syscall".
bool sleepable_section(const std::string& section) {
  std::string head = section.substr(0, section.find('/'));
  return head == "syscall" || (head.size() > 2 && head.compare(head.size() - 2, 2, ".s") == 0);
}

CodeFacts code_of(const ElfFacts& elf, const std::string& name) {
  auto it = elf.code.programs.find(name);
  return it == elf.code.programs.end() ? CodeFacts{} : it->second;
}

ProgramFacts program_facts(const bpf_program* prog, const ElfFacts& elf) {
  ProgramFacts p;
  p.name = bpf_program__name(prog);
  p.section = bpf_program__section_name(prog);
  p.prog_type = bpf_program__type(prog);
  p.prog_type_name = or_empty(libbpf_bpf_prog_type_str(bpf_program__type(prog)));
  p.expected_attach_type = bpf_program__expected_attach_type(prog);
  p.expected_attach_type_name =
      or_empty(libbpf_bpf_attach_type_str(bpf_program__expected_attach_type(prog)));
  p.attach = parse_attach_point(p.section);
  p.autoload = bpf_program__autoload(prog);
  p.sleepable = (bpf_program__flags(prog) & BPF_F_SLEEPABLE) != 0 || sleepable_section(p.section);
  p.code = code_of(elf, p.name);
  return p;
}

// The fields a map and a map-in-map's inner map share, as libbpf has them after open.
template <typename Facts>
void fill_shape(Facts& m, const bpf_map* map) {
  m.type = bpf_map__type(map);
  m.type_name = or_empty(libbpf_bpf_map_type_str(bpf_map__type(map)));
  m.key_size = bpf_map__key_size(map);
  m.value_size = bpf_map__value_size(map);
  m.max_entries = bpf_map__max_entries(map);
  m.map_flags = bpf_map__map_flags(map);
}

InnerMapFacts inner_map_facts(const bpf_map* map) {
  InnerMapFacts m;
  fill_shape(m, map);
  return m;
}

MapFacts map_facts(bpf_map* map) {
  MapFacts m;
  m.name = bpf_map__name(map);
  fill_shape(m, map);
  m.internal = bpf_map__is_internal(map);
  m.pin_path = or_empty(bpf_map__pin_path(map));
  if (const bpf_map* inner = bpf_map__inner_map(map)) m.inner_map = inner_map_facts(inner);
  return m;
}

// For objects libbpf refuses: the type libbpf would give the section (its messages for an
// unknown section are dropped: the untyped-section finding says it better).
ProgramFacts program_facts(const ElfProgram& prog, const ElfFacts& elf, LibbpfCapture& capture) {
  ProgramFacts p;
  p.name = prog.name;
  p.autoload = prog.section.empty() || prog.section.front() != '?';
  p.section = p.autoload ? prog.section : prog.section.substr(1);
  bpf_prog_type type = BPF_PROG_TYPE_UNSPEC;
  bpf_attach_type attach = static_cast<bpf_attach_type>(0);
  if (libbpf_prog_type_by_name(p.section.c_str(), &type, &attach) != 0) {
    type = BPF_PROG_TYPE_UNSPEC;
    attach = static_cast<bpf_attach_type>(0);
  }
  capture.clear();
  p.prog_type = type;
  p.prog_type_name = or_empty(libbpf_bpf_prog_type_str(type));
  p.expected_attach_type = attach;
  p.expected_attach_type_name = or_empty(libbpf_bpf_attach_type_str(attach));
  p.attach = parse_attach_point(p.section);
  p.sleepable = sleepable_section(p.section);
  p.code = code_of(elf, p.name);
  return p;
}

}  // namespace

Result<ObjectFacts> read_object(const std::string& path) {
  auto elf = read_elf_facts(path);
  if (!elf) return std::move(elf).error();
  ObjectFacts facts;
  facts.path = path;
  facts.has_btf = elf->has_btf;
  facts.has_btf_ext = elf->has_btf_ext;
  facts.license = elf->license;
  facts.legacy_maps = elf->legacy_maps;
  for (auto& m : facts.legacy_maps) {
    m.type_name = or_empty(libbpf_bpf_map_type_str(static_cast<bpf_map_type>(m.type)));
  }

  LibbpfCapture capture;
  ObjectPtr obj(bpf_object__open_file(path.c_str(), nullptr));
  int open_errno = errno;
  facts.libbpf_messages = capture.messages();
  std::string open_warning = capture.last_warning();
  // Inside the capture: libbpf's complaints about a bad .BTF are core_error, not stderr.
  auto core = read_core_relocations(elf->btf, elf->btf_ext, elf->code);
  facts.core_relocations = std::move(core.relocations);
  facts.core_error = std::move(core.error);
  if (obj) {
    bpf_program* prog = nullptr;
    bpf_object__for_each_program(prog, obj.get())
        facts.programs.push_back(program_facts(prog, *elf));
    bpf_map* map = nullptr;
    bpf_object__for_each_map(map, obj.get()) facts.maps.push_back(map_facts(map));
    return facts;
  }
  facts.open_error =
      open_warning.empty() ? std::string("libbpf: ") + std::strerror(open_errno) : open_warning;
  for (const auto& p : elf->programs) facts.programs.push_back(program_facts(p, *elf, capture));
  return facts;
}

}  // namespace bpfcompat::inspect
