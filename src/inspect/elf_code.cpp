#include "elf_code.h"

#include <linux/bpf.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <set>

#include "bpfcompat/inspect/helper_table.h"

namespace bpfcompat::inspect {
namespace {

constexpr std::uint8_t kCall = BPF_JMP | BPF_CALL;
constexpr std::uint8_t kLdImm64 = BPF_LD | BPF_IMM | BPF_DW;
constexpr std::int32_t kTailCallHelper = BPF_FUNC_tail_call;

struct Symbol {
  std::string name;
  GElf_Sym sym{};
};

struct Reader {
  const std::vector<Section>& sections;
  std::vector<Symbol> symbols;
  std::map<std::pair<std::size_t, std::uint64_t>, std::size_t> relocs;  // (shndx, off) → symbol
  std::vector<std::size_t> shndx_of;                                    // per function
  ElfCode code;
};

bool executable(const Section& s) {
  return s.header.sh_type == SHT_PROGBITS && (s.header.sh_flags & SHF_EXECINSTR) != 0;
}

void read_symbols(Elf* elf, const Section& symtab, Reader& r) {
  std::size_t count =
      symtab.header.sh_entsize ? symtab.header.sh_size / symtab.header.sh_entsize : 0;
  for (std::size_t i = 0; i < count; ++i) {
    Symbol s;
    if (gelf_getsym(symtab.data, static_cast<int>(i), &s.sym) == nullptr) s.sym = {};
    const char* name = elf_strptr(elf, symtab.header.sh_link, s.sym.st_name);
    s.name = name ? name : "";
    std::size_t shndx = s.sym.st_shndx;
    if (GELF_ST_TYPE(s.sym.st_info) == STT_FUNC && shndx < r.sections.size() &&
        executable(r.sections[shndx]) && !s.name.empty()) {
      r.code.functions.push_back({s.name, r.sections[shndx].name, s.sym.st_value, s.sym.st_size});
      r.shndx_of.push_back(shndx);
    }
    r.symbols.push_back(std::move(s));
  }
}

void read_relocations(Reader& r) {
  for (const auto& rel : r.sections) {
    if (rel.header.sh_type != SHT_REL || rel.data == nullptr) continue;
    if (rel.header.sh_info >= r.sections.size() || !executable(r.sections[rel.header.sh_info])) {
      continue;
    }
    std::size_t count = rel.header.sh_entsize ? rel.header.sh_size / rel.header.sh_entsize : 0;
    for (std::size_t i = 0; i < count; ++i) {
      GElf_Rel entry;
      if (gelf_getrel(rel.data, static_cast<int>(i), &entry) == nullptr) continue;
      std::size_t sym = GELF_R_SYM(entry.r_info);
      if (sym < r.symbols.size()) r.relocs[{rel.header.sh_info, entry.r_offset}] = sym;
    }
  }
}

// The function starting at (or covering) a byte offset of a section: its index, or -1.
long function_index(const Reader& r, std::size_t shndx, std::uint64_t offset) {
  for (std::size_t i = 0; i < r.code.functions.size(); ++i) {
    const auto& f = r.code.functions[i];
    if (r.shndx_of[i] == shndx && offset >= f.offset &&
        offset < f.offset + std::max<std::uint64_t>(f.size, 1)) {
      return static_cast<long>(i);
    }
  }
  return -1;
}

template <typename T>
void add_once(std::vector<T>& v, const T& x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

// What one function's own instructions use; calls and callbacks as function indexes.
struct Direct {
  CodeFacts facts;
  std::vector<std::size_t> calls;
  std::vector<std::size_t> callbacks;
};

void add_helper(CodeFacts& facts, std::int32_t id, std::uint32_t calls) {
  auto it = std::find_if(facts.helpers.begin(), facts.helpers.end(),
                         [&](const HelperCall& h) { return h.id == id; });
  if (it != facts.helpers.end()) {
    it->calls += calls;
    return;
  }
  facts.helpers.push_back({id, helper_name(id), helper_gpl_only(id), calls});
  if (id == kTailCallHelper) facts.tail_calls = true;
}

void data_reference(const Reader& r, const Symbol& s, std::int32_t imm, Direct& d) {
  std::size_t shndx = s.sym.st_shndx;
  if (shndx == SHN_UNDEF) {
    bool kconfig = s.name.rfind("CONFIG_", 0) == 0 || s.name.rfind("LINUX_", 0) == 0;
    if (GELF_ST_TYPE(s.sym.st_info) == STT_FUNC) {
      add_once(d.facts.kfuncs, KfuncCall{s.name, GELF_ST_BIND(s.sym.st_info) == STB_WEAK});
    } else {
      add_once(d.facts.global_data, std::string(kconfig ? ".kconfig" : ".ksyms"));
    }
    return;
  }
  if (shndx >= r.sections.size()) return;
  const Section& sec = r.sections[shndx];
  if (executable(sec)) {
    long f = function_index(r, shndx, s.sym.st_value + static_cast<std::uint64_t>(imm));
    if (f >= 0) add_once(d.callbacks, static_cast<std::size_t>(f));
  } else if (sec.name == ".maps") {
    add_once(d.facts.maps, s.name);
  } else if (sec.name.rfind(".data", 0) == 0 || sec.name.rfind(".rodata", 0) == 0 ||
             sec.name.rfind(".bss", 0) == 0) {
    add_once(d.facts.global_data, sec.name);
  }
}

Direct scan(const Reader& r, std::size_t fn) {
  Direct d;
  const FunctionSpan& f = r.code.functions[fn];
  std::size_t shndx = r.shndx_of[fn];
  std::string_view bytes = section_bytes(r.sections[shndx]);
  std::uint64_t end = std::min<std::uint64_t>(f.offset + f.size, bytes.size());
  d.facts.instructions = static_cast<std::uint32_t>((end - std::min(end, f.offset)) / 8);
  for (std::uint64_t off = f.offset; off + sizeof(bpf_insn) <= end; off += sizeof(bpf_insn)) {
    bpf_insn insn;
    std::memcpy(&insn, bytes.data() + off, sizeof insn);
    auto rel = r.relocs.find({shndx, off});
    const Symbol* sym = rel == r.relocs.end() ? nullptr : &r.symbols[rel->second];
    if (insn.code == kCall) {
      if (sym != nullptr && sym->sym.st_shndx == SHN_UNDEF) {
        add_once(d.facts.kfuncs, KfuncCall{sym->name, GELF_ST_BIND(sym->sym.st_info) == STB_WEAK});
      } else if (sym != nullptr || insn.src_reg == BPF_PSEUDO_CALL) {
        std::size_t target_shndx = sym ? sym->sym.st_shndx : shndx;
        std::uint64_t base = sym ? sym->sym.st_value : off;
        long callee = function_index(r, target_shndx, base + (insn.imm + 1) * 8);
        if (callee >= 0) add_once(d.calls, static_cast<std::size_t>(callee));
      } else if (insn.src_reg == 0) {
        add_helper(d.facts, insn.imm, 1);
      }
    } else if (insn.code == kLdImm64) {
      if (sym != nullptr) data_reference(r, *sym, insn.imm, d);
      off += sizeof(bpf_insn);  // the second half of the 16-byte instruction
    }
  }
  return d;
}

// One program: its own facts merged with those of every function it reaches.
CodeFacts program_facts(const Reader& r, const std::vector<Direct>& direct, std::size_t fn) {
  CodeFacts out = direct[fn].facts;
  out.helpers.clear();
  out.total_instructions = 0;
  std::set<std::size_t> seen{fn};
  std::deque<std::size_t> queue{fn};
  while (!queue.empty()) {
    std::size_t at = queue.front();
    queue.pop_front();
    const Direct& d = direct[at];
    if (at != fn) {
      out.subprograms.push_back(r.code.functions[at].name);
      for (const auto& k : d.facts.kfuncs) add_once(out.kfuncs, k);
      for (const auto& m : d.facts.maps) add_once(out.maps, m);
      for (const auto& g : d.facts.global_data) add_once(out.global_data, g);
    }
    out.total_instructions += d.facts.instructions;
    for (const auto& h : d.facts.helpers) add_helper(out, h.id, h.calls);
    for (std::size_t cb : d.callbacks) add_once(out.callbacks, r.code.functions[cb].name);
    for (const auto* next : {&d.calls, &d.callbacks}) {
      for (std::size_t n : *next) {
        if (seen.insert(n).second) queue.push_back(n);
      }
    }
  }
  std::sort(out.helpers.begin(), out.helpers.end(),
            [](const HelperCall& a, const HelperCall& b) { return a.id < b.id; });
  return out;
}

}  // namespace

const FunctionSpan* function_at(const ElfCode& code, const std::string& section,
                                std::uint64_t offset) {
  for (const auto& f : code.functions) {
    if (f.section == section && offset >= f.offset && offset < f.offset + f.size) return &f;
  }
  return nullptr;
}

ElfCode read_elf_code(Elf* elf, const std::vector<Section>& sections, const Section& symtab) {
  Reader r{sections, {}, {}, {}, {}};
  read_symbols(elf, symtab, r);
  read_relocations(r);
  std::vector<Direct> direct;
  for (std::size_t i = 0; i < r.code.functions.size(); ++i) direct.push_back(scan(r, i));
  for (std::size_t i = 0; i < r.code.functions.size(); ++i) {
    if (r.code.functions[i].section == ".text") continue;
    r.code.programs[r.code.functions[i].name] = program_facts(r, direct, i);
  }
  return std::move(r.code);
}

}  // namespace bpfcompat::inspect
