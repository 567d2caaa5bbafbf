// Reads the core_relo subsection of .BTF.ext (Documentation/bpf/btf.rst, llvm's BTF.h) and
// resolves each record's type id and access string against the object's BTF.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/inspect/core_relocation.h"
#include "elf_code.h"

namespace bpfcompat::inspect {

struct CoreRelocations {
  std::vector<CoreRelocation> relocations;
  std::string error;  // a malformed .BTF or .BTF.ext, "" when read
};

// `btf` and `btf_ext` are the raw sections; nothing to read (no error) when btf_ext is empty or
// has no core_relo subsection. `code` names the function of each instruction.
CoreRelocations read_core_relocations(const std::string& btf, const std::string& btf_ext,
                                      const ElfCode& code);

}  // namespace bpfcompat::inspect
