#include "bpfcompat/inspect/elf_linkage.h"

#include <elf.h>

#include <cstring>

#include "bpfcompat/core/file_io.h"

namespace bpfcompat::inspect {

Result<ElfLinkage> elf_linkage(const std::string& path) {
  auto data = read_file(path, 512u << 20);
  if (!data) return std::move(data).error();
  const std::string& d = *data;
  Elf64_Ehdr eh;
  if (d.size() < sizeof eh || std::memcmp(d.data(), ELFMAG, SELFMAG) != 0) {
    return ElfLinkage::kNotElf;
  }
  std::memcpy(&eh, d.data(), sizeof eh);
  for (unsigned i = 0; i < eh.e_phnum; ++i) {
    std::uint64_t off = eh.e_phoff + std::uint64_t{i} * eh.e_phentsize;
    if (off + sizeof(Elf64_Phdr) > d.size()) break;
    Elf64_Phdr ph;
    std::memcpy(&ph, d.data() + off, sizeof ph);
    if (ph.p_type == PT_INTERP) return ElfLinkage::kDynamic;
  }
  return ElfLinkage::kStatic;
}

}  // namespace bpfcompat::inspect
