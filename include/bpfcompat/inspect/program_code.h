// What a program's instructions use, read from the ELF (instructions + their relocations): helpers,
// kfuncs, subprograms, callbacks, tail calls, maps and global data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bpfcompat::inspect {

struct HelperCall {
  std::int32_t id = 0;      // enum bpf_func_id
  std::string name;         // "bpf_loop"; "helper#N" for an id the table does not know
  bool gpl_only = false;    // the kernel refuses it to programs without a GPL license
  std::uint32_t calls = 0;  // call instructions, in the program and its subprograms
};

// A call to an extern function (`extern ... __ksym`): a kfunc the kernel must export in BTF.
struct KfuncCall {
  std::string name;
  bool weak = false;  // __weak: a kernel without it loads (libbpf leaves the call unreached)
  bool operator==(const KfuncCall&) const = default;
};

// Everything is over the program and the subprograms it reaches, as libbpf loads them together.
struct CodeFacts {
  std::uint32_t instructions = 0;        // the program's own (8-byte slots; ld_imm64 counts 2)
  std::uint32_t total_instructions = 0;  // with the subprograms it reaches
  std::vector<HelperCall> helpers;       // by id
  std::vector<KfuncCall> kfuncs;         // in first-call order
  std::vector<std::string> subprograms;  // BPF_PSEUDO_CALL targets, transitively, by name
  std::vector<std::string> callbacks;    // functions whose address is taken (BPF_PSEUDO_FUNC)
  bool tail_calls = false;               // calls bpf_tail_call (helper 12)
  std::vector<std::string> maps;         // maps referenced (ld_imm64 of a .maps symbol)
  // Global data sections referenced: ".data", ".rodata", ".bss", ".data.*", ".rodata.*",
  // ".kconfig" (CONFIG_* externs) and ".ksyms" (extern kernel variables).
  std::vector<std::string> global_data;
};

}  // namespace bpfcompat::inspect
