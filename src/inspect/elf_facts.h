// What the ELF file itself says, for objects libbpf refuses too: BTF sections, program symbols
// and their sections, what their code uses, the license, legacy SEC("maps") definitions.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/core/result.h"
#include "bpfcompat/inspect/object_facts.h"
#include "elf_code.h"

namespace bpfcompat::inspect {

struct ElfProgram {
  std::string name;
  std::string section;  // as in the file, '?' prefix included
};

struct ElfFacts {
  bool has_btf = false;
  bool has_btf_ext = false;
  std::vector<ElfProgram> programs;  // functions in executable sections other than .text
  std::vector<LegacyMapDef> legacy_maps;
  std::string license;  // the "license" section up to its NUL
  std::string btf;      // the raw .BTF and .BTF.ext sections ("" when absent)
  std::string btf_ext;
  ElfCode code;  // empty for an object of the other byte order
};

// A kInvalidInput error when the file cannot be read, is not ELF, or not for machine BPF.
Result<ElfFacts> read_elf_facts(const std::string& path);

}  // namespace bpfcompat::inspect
