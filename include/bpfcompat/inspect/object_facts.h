// What a .bpf.o says about itself, read on the host without a kernel: programs, maps, BTF and
// legacy map definitions (read_object). The base of the input checks and of `bpfcompat inspect`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bpfcompat/core/result.h"
#include "bpfcompat/inspect/attach_point.h"

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
};

struct MapFacts {
  std::string name;
  std::uint32_t type = 0;  // enum bpf_map_type
  std::string type_name;   // libbpf's name ("hash", "array")
  std::uint32_t key_size = 0;
  std::uint32_t value_size = 0;
  std::uint32_t max_entries = 0;
  bool internal = false;  // .data/.rodata/.bss/.kconfig maps libbpf makes for globals
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
  bool has_btf = false;
  bool has_btf_ext = false;

  bool opened() const { return open_error.empty(); }
};

// Reads only `path`; never logs, never touches the kernel. An error (kInvalidInput) only when
// the file cannot be read or is not a BPF ELF object; libbpf refusing it is
// ObjectFacts::open_error.
Result<ObjectFacts> read_object(const std::string& path);

}  // namespace bpfcompat::inspect
