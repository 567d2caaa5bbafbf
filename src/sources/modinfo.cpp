#include "modinfo.h"

#include <gelf.h>
#include <libelf.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <string_view>

#include <fmt/format.h>

namespace bpfcompat::sources {
namespace {

struct ElfFree {
  void operator()(Elf* e) const { elf_end(e); }
};

std::vector<std::string> parse_depends(std::string_view modinfo) {
  std::vector<std::string> out;
  while (!modinfo.empty()) {
    std::string_view entry = modinfo.substr(0, modinfo.find('\0'));
    modinfo.remove_prefix(std::min(modinfo.size(), entry.size() + 1));
    if (entry.rfind("depends=", 0) != 0) continue;
    entry.remove_prefix(8);
    while (!entry.empty()) {
      std::string_view name = entry.substr(0, entry.find(','));
      if (!name.empty()) out.emplace_back(name);
      entry.remove_prefix(std::min(entry.size(), name.size() + 1));
    }
  }
  return out;
}

using ElfPtr = std::unique_ptr<Elf, ElfFree>;

Result<ElfPtr> open_module(const std::string& ko_image, const std::string& what) {
  static std::once_flag once;
  std::call_once(once, [] { elf_version(EV_CURRENT); });
  // libelf wants a mutable buffer but does not write to it with ELF_C_READ_MMAP semantics.
  ElfPtr elf(elf_memory(const_cast<char*>(ko_image.data()), ko_image.size()));  // NOLINT
  if (!elf || elf_kind(elf.get()) != ELF_K_ELF) {
    return infrastructure_error(fmt::format("{} is not an ELF kernel module", what));
  }
  return elf;
}

}  // namespace

Result<std::vector<std::string>> defined_functions(const std::string& ko_image,
                                                   const std::string& what) {
  auto elf = open_module(ko_image, what);
  if (!elf) return std::move(elf).error();
  std::vector<std::string> out;
  for (Elf_Scn* scn = elf_nextscn(elf->get(), nullptr); scn; scn = elf_nextscn(elf->get(), scn)) {
    GElf_Shdr shdr;
    if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_SYMTAB || shdr.sh_entsize == 0) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (!data) continue;
    std::size_t count = shdr.sh_size / shdr.sh_entsize;
    for (std::size_t i = 0; i < count; ++i) {
      GElf_Sym sym;
      if (!gelf_getsym(data, static_cast<int>(i), &sym)) continue;
      if (GELF_ST_TYPE(sym.st_info) != STT_FUNC || sym.st_shndx == SHN_UNDEF) continue;
      const char* name = elf_strptr(elf->get(), shdr.sh_link, sym.st_name);
      if (name && *name) out.emplace_back(name);
    }
  }
  return out;
}

Result<std::vector<std::string>> modinfo_depends(const std::string& ko_image,
                                                 const std::string& what) {
  auto opened = open_module(ko_image, what);
  if (!opened) return std::move(opened).error();
  Elf* raw = opened->get();
  std::size_t shstrndx = 0;
  if (elf_getshdrstrndx(raw, &shstrndx) != 0) {
    return infrastructure_error(fmt::format("{}: {}", what, elf_errmsg(-1)));
  }
  for (Elf_Scn* scn = elf_nextscn(raw, nullptr); scn; scn = elf_nextscn(raw, scn)) {
    GElf_Shdr shdr;
    if (!gelf_getshdr(scn, &shdr)) continue;
    const char* name = elf_strptr(raw, shstrndx, shdr.sh_name);
    if (!name || std::strcmp(name, ".modinfo") != 0) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (!data || !data->d_buf) return std::vector<std::string>{};
    return parse_depends(std::string_view(static_cast<const char*>(data->d_buf), data->d_size));
  }
  return std::vector<std::string>{};
}

}  // namespace bpfcompat::sources
