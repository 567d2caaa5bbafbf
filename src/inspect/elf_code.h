// The functions of an object's code sections and what each program's instructions use, read
// from the instructions and their ELF relocations (libbpf keeps those to itself).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "bpfcompat/inspect/program_code.h"
#include "elf_sections.h"

namespace bpfcompat::inspect {

struct FunctionSpan {
  std::string name;
  std::string section;
  std::uint64_t offset = 0;  // bytes into the section
  std::uint64_t size = 0;
};

struct ElfCode {
  std::vector<FunctionSpan> functions;        // every STT_FUNC of an executable section
  std::map<std::string, CodeFacts> programs;  // by function name, for those outside .text
};

// The function covering byte `offset` of `section`, or nullptr.
const FunctionSpan* function_at(const ElfCode& code, const std::string& section,
                                std::uint64_t offset);

ElfCode read_elf_code(Elf* elf, const std::vector<Section>& sections, const Section& symtab);

}  // namespace bpfcompat::inspect
