// What a .bpf.o says about itself, read on the host without a kernel: programs and what their code
// uses, maps, CO-RE relocations, BTF, license and legacy map definitions (read_object). The base
// of the input checks and of `bpfcompat inspect`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/core/result.h"
#include "bpfcompat/inspect/attach_point.h"
#include "bpfcompat/inspect/core_relocation.h"
#include "bpfcompat/inspect/program_code.h"

namespace bpfcompat::inspect {

struct ProgramFacts {
  std::string name;
  std::string section;                     // without libbpf's '?' (not autoloaded) prefix
  std::uint32_t prog_type = 0;             // enum bpf_prog_type; 0 (UNSPEC): the section names none
  std::string prog_type_name;              // libbpf's name ("kprobe", "tracing"), "unspec"
  std::uint32_t expected_attach_type = 0;  // enum bpf_attach_type
  std::string expected_attach_type_name;   // libbpf's name ("trace_fentry"), "" when unknown
  AttachPoint attach;                      // parsed from the section
  bool autoload = true;
  bool sleepable = false;  // BPF_F_SLEEPABLE: a ".s" section (fentry.s/, lsm.s/, ...) or syscall
  CodeFacts code;          // empty when the ELF has no symbol for the program
};

// The map a map-in-map (array_of_maps, hash_of_maps) holds, from its BTF `values`.
struct InnerMapFacts {
  std::uint32_t type = 0;
  std::string type_name;
  std::uint32_t key_size = 0;
  std::uint32_t value_size = 0;
  std::uint32_t max_entries = 0;
  std::uint32_t map_flags = 0;
};

struct MapFacts {
  std::string name;
  std::uint32_t type = 0;  // enum bpf_map_type
  std::string type_name;   // libbpf's name ("hash", "array")
  std::uint32_t key_size = 0;
  std::uint32_t value_size = 0;
  std::uint32_t max_entries = 0;  // 0: sized at run time by the loader
  std::uint32_t map_flags = 0;    // BPF_F_* map flags
  bool internal = false;          // .data/.rodata/.bss/.kconfig maps libbpf makes for globals
  std::string pin_path;           // LIBBPF_PIN_BY_NAME: where libbpf pins it by default, else ""
  std::optional<InnerMapFacts> inner_map;
};

// A pre-libbpf-1.0 `struct bpf_map_def SEC("maps")`, read from the ELF symbol table.
struct LegacyMapDef {
  std::string name;
  std::uint32_t type = 0;  // enum bpf_map_type
  std::string type_name;   // libbpf's name ("hash"), "" for a number it does not know
  std::uint32_t key_size = 0;
  std::uint32_t value_size = 0;
  std::uint32_t max_entries = 0;
  std::uint32_t map_flags = 0;
};

struct ObjectFacts {
  std::string path;  // as given to read_object
  // libbpf's reason when it cannot open the object ("" when it can). Then programs come from
  // the ELF symbol table (types guessed from their sections) and maps is empty.
  std::string open_error;
  std::vector<std::string> libbpf_messages;  // libbpf's warnings and infos while opening
  std::vector<ProgramFacts> programs;
  std::vector<MapFacts> maps;
  std::vector<LegacyMapDef> legacy_maps;
  std::vector<CoreRelocation> core_relocations;  // .BTF.ext's core_relo records, in file order
  std::string core_error;  // why .BTF.ext's relocations could not be read ("" when they could)
  std::string license;     // the "license" section's string, "" when there is none
  bool has_btf = false;
  bool has_btf_ext = false;

  bool opened() const { return open_error.empty(); }
};

// Reads only `path`; never logs, never touches the kernel. An error (kInvalidInput) only when
// the file cannot be read or is not a BPF ELF object; libbpf refusing it is
// ObjectFacts::open_error.
Result<ObjectFacts> read_object(const std::string& path);

}  // namespace bpfcompat::inspect
