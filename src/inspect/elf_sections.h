// The sections of an open libelf handle, indexed by section number, shared by the ELF readers.
#pragma once

#include <gelf.h>
#include <libelf.h>

#include <string>
#include <string_view>
#include <vector>

namespace bpfcompat::inspect {

struct Section {
  std::string name;
  GElf_Shdr header{};
  Elf_Data* data = nullptr;
};

// Every section at its index (index 0 and unreadable ones are empty).
std::vector<Section> read_sections(Elf* elf, std::size_t shstrndx);

// The section's bytes, empty when it has none.
inline std::string_view section_bytes(const Section& s) {
  if (s.data == nullptr || s.data->d_buf == nullptr) return {};
  return {static_cast<const char*>(s.data->d_buf), s.data->d_size};
}

}  // namespace bpfcompat::inspect
