#include "elf_facts.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "bpfcompat/core/unique_fd.h"
#include "elf_code.h"
#include "elf_sections.h"

namespace bpfcompat::inspect {
namespace {

struct ElfCloser {
  void operator()(Elf* e) const { elf_end(e); }
};
using ElfPtr = std::unique_ptr<Elf, ElfCloser>;

constexpr const char* kBuildHint =
    "pass a compiled eBPF object, e.g. clang -O2 -g -target bpf -c prog.bpf.c -o prog.bpf.o";

std::uint32_t read_u32(const Elf_Data* data, std::size_t offset, bool swap) {
  std::uint32_t v = 0;
  if (data == nullptr || data->d_buf == nullptr || offset + sizeof v > data->d_size) return 0;
  std::memcpy(&v, static_cast<const char*>(data->d_buf) + offset, sizeof v);
  return swap ? __builtin_bswap32(v) : v;
}

// struct bpf_map_def { type, key_size, value_size, max_entries, map_flags } at the offset.
LegacyMapDef legacy_map(std::string name, const Elf_Data* data, std::size_t offset,
                        std::size_t size, bool swap) {
  std::uint32_t field[5] = {};
  for (std::size_t i = 0; i < 5 && (i + 1) * 4 <= size; ++i) {
    field[i] = read_u32(data, offset + i * 4, swap);
  }
  return {std::move(name), field[0], {}, field[1], field[2], field[3], field[4]};
}

void read_symbols(Elf* elf, const std::vector<Section>& sections, const Section& symtab, bool swap,
                  ElfFacts& facts) {
  std::size_t count =
      symtab.header.sh_entsize ? symtab.header.sh_size / symtab.header.sh_entsize : 0;
  std::map<std::uint64_t, GElf_Sym> map_syms;                            // by offset in "maps"
  std::map<std::pair<std::size_t, std::uint64_t>, ElfProgram> programs;  // in file order
  std::size_t maps_index = 0;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    if (sections[i].name == "maps") maps_index = i;
  }
  for (std::size_t i = 0; i < count; ++i) {
    GElf_Sym sym;
    if (gelf_getsym(symtab.data, static_cast<int>(i), &sym) == nullptr) continue;
    if (sym.st_shndx == SHN_UNDEF || sym.st_shndx >= sections.size()) continue;
    const char* name = elf_strptr(elf, symtab.header.sh_link, sym.st_name);
    if (name == nullptr || *name == '\0' || GELF_ST_TYPE(sym.st_info) == STT_SECTION) continue;
    const Section& sec = sections[sym.st_shndx];
    if (maps_index != 0 && sym.st_shndx == maps_index) {
      map_syms.emplace(sym.st_value, sym);
    } else if (GELF_ST_TYPE(sym.st_info) == STT_FUNC &&
               (sec.header.sh_flags & SHF_EXECINSTR) != 0 && sec.name != ".text") {
      programs.emplace(std::pair{std::size_t{sym.st_shndx}, sym.st_value},
                       ElfProgram{name, sec.name});
    }
  }
  for (auto& [at, prog] : programs) facts.programs.push_back(std::move(prog));
  const Section& maps = sections[maps_index];
  for (const auto& [offset, sym] : map_syms) {
    std::size_t size = sym.st_size ? sym.st_size : maps.header.sh_size / map_syms.size();
    facts.legacy_maps.push_back(legacy_map(elf_strptr(elf, symtab.header.sh_link, sym.st_name),
                                           maps.data, offset, size, swap));
  }
}

}  // namespace

std::vector<Section> read_sections(Elf* elf, std::size_t shstrndx) {
  std::vector<Section> out;
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(elf, scn)) != nullptr) {
    Section s;
    if (gelf_getshdr(scn, &s.header) == nullptr) continue;
    const char* name = elf_strptr(elf, shstrndx, s.header.sh_name);
    s.name = name ? name : "";
    s.data = elf_getdata(scn, nullptr);
    out.resize(std::max<std::size_t>(out.size(), elf_ndxscn(scn) + 1));
    out[elf_ndxscn(scn)] = std::move(s);
  }
  return out;
}

Result<ElfFacts> read_elf_facts(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) {
    return invalid_input(fmt::format("{}: cannot open: {}", path, std::strerror(errno)),
                         "check the artifact path");
  }
  elf_version(EV_CURRENT);
  ElfPtr elf(elf_begin(fd.get(), ELF_C_READ, nullptr));
  GElf_Ehdr eh;
  if (!elf || elf_kind(elf.get()) != ELF_K_ELF || gelf_getehdr(elf.get(), &eh) == nullptr) {
    return invalid_input(fmt::format("{}: not an ELF file", path), kBuildHint);
  }
  if (eh.e_machine != EM_BPF) {
    return invalid_input(
        fmt::format("{}: an ELF file for machine {}, not for BPF", path, eh.e_machine), kBuildHint);
  }
  std::size_t shstrndx = 0;
  if (elf_getshdrstrndx(elf.get(), &shstrndx) != 0) {
    return invalid_input(fmt::format("{}: ELF file without section names", path), kBuildHint);
  }
  bool host_le = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;
  bool swap = (eh.e_ident[EI_DATA] == ELFDATA2LSB) != host_le;
  ElfFacts facts;
  auto sections = read_sections(elf.get(), shstrndx);
  for (const auto& s : sections) {
    facts.has_btf = facts.has_btf || s.name == ".BTF";
    facts.has_btf_ext = facts.has_btf_ext || s.name == ".BTF.ext";
  }
  for (const auto& s : sections) {
    if (s.name == ".BTF") facts.btf = std::string(section_bytes(s));
    if (s.name == ".BTF.ext") facts.btf_ext = std::string(section_bytes(s));
    if (s.name == "license") {
      std::string_view text = section_bytes(s);
      facts.license = std::string(text.substr(0, text.find('\0')));
    }
  }
  for (const auto& s : sections) {
    if (s.header.sh_type == SHT_SYMTAB && s.data != nullptr) {
      read_symbols(elf.get(), sections, s, swap, facts);
      if (!swap) facts.code = read_elf_code(elf.get(), sections, s);
    }
  }
  return facts;
}

}  // namespace bpfcompat::inspect
