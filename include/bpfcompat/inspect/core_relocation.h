// The CO-RE relocations of an object's .BTF.ext, resolved against its own BTF into readable
// "struct task_struct: pid" form.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bpfcompat::inspect {

// enum bpf_core_relo_kind (linux/bpf.h), same numbers.
enum class CoreReloKind : std::uint32_t {
  kFieldByteOffset = 0,
  kFieldByteSize = 1,
  kFieldExists = 2,
  kFieldSigned = 3,
  kFieldLshiftU64 = 4,
  kFieldRshiftU64 = 5,
  kTypeIdLocal = 6,
  kTypeIdTarget = 7,
  kTypeExists = 8,
  kTypeSize = 9,
  kEnumvalExists = 10,
  kEnumvalValue = 11,
  kTypeMatches = 12,
};

// "FIELD_BYTE_OFFSET", ...; "UNKNOWN" for a number past TYPE_MATCHES.
std::string_view core_relo_kind_name(CoreReloKind kind);
// FIELD_EXISTS, TYPE_EXISTS, TYPE_MATCHES, ENUMVAL_EXISTS: they answer 0/1, never fail a load.
bool is_existence_check(CoreReloKind kind);

struct CoreRelocation {
  std::string section;            // the code section of the instruction
  std::string program;            // the function holding it ("" when no symbol covers it)
  std::uint32_t insn_offset = 0;  // byte offset of the instruction in its section
  CoreReloKind kind = CoreReloKind::kFieldByteOffset;
  std::uint32_t type_id = 0;  // the object's BTF id of the root type
  std::string local_type;     // as in the object: "struct task_struct___pre514"
  std::string root_type;      // what the kernel must have: flavour ("___x") dropped
  std::string access;         // the raw access string: "0:1:2"
  std::string field;          // "pid", "a.b[2]"; the enumerator for ENUMVAL_*; "" for TYPE_*
  // An existence check itself, or a relocation the object also checks for existence: an
  // *_EXISTS/TYPE_MATCHES relocation on the same root type (and, for fields, the same field;
  // for enumerators, the same enumerator) — the rule in docs/user-guide.md.
  bool guarded = false;
};

}  // namespace bpfcompat::inspect
