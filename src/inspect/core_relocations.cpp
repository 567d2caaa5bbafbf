#include "core_relocations.h"

#include <bpf/btf.h>

#include <array>
#include <cstring>
#include <memory>
#include <set>
#include <string_view>

#include <fmt/format.h>

namespace bpfcompat::inspect {
namespace {

struct BtfFree {
  void operator()(btf* b) const { btf__free(b); }
};
using BtfPtr = std::unique_ptr<btf, BtfFree>;

constexpr std::uint16_t kBtfMagic = 0xeB9F;
constexpr std::size_t kHeaderWithCoreRelo = 32;  // struct btf_ext_header up to core_relo_len
constexpr std::size_t kCoreReloSize = 16;        // struct bpf_core_relo

std::uint32_t u32_at(std::string_view d, std::size_t at) {
  std::uint32_t v = 0;
  if (at + sizeof v <= d.size()) std::memcpy(&v, d.data() + at, sizeof v);
  return v;
}

const btf_type* skip_mods(const btf* b, std::uint32_t& id) {
  const btf_type* t = btf__type_by_id(b, id);
  while (t != nullptr && (btf_is_mod(t) || btf_is_typedef(t))) {
    id = t->type;
    t = btf__type_by_id(b, id);
  }
  return t;
}

std::string type_label(const btf* b, std::uint32_t id) {
  const btf_type* t = btf__type_by_id(b, id);
  if (t == nullptr) return fmt::format("type#{}", id);
  std::string name = btf__name_by_offset(b, t->name_off) ? btf__name_by_offset(b, t->name_off) : "";
  if (name.empty()) name = "(anon)";
  if (btf_is_struct(t)) return "struct " + name;
  if (btf_is_union(t)) return "union " + name;
  if (btf_is_any_enum(t)) return "enum " + name;
  if (btf_is_fwd(t)) return (btf_kflag(t) ? "union " : "struct ") + name;
  return name;
}

// "struct task_struct___pre514" → "struct task_struct" (libbpf's flavour rule: "___" + suffix).
std::string without_flavour(const std::string& label) {
  auto at = label.rfind("___");
  if (at == std::string::npos || at == 0 || at + 3 >= label.size() || label[at + 3] == '_') {
    return label;
  }
  return label.substr(0, at);
}

std::vector<std::uint32_t> access_indexes(std::string_view spec) {
  std::vector<std::uint32_t> out;
  std::uint32_t n = 0;
  bool any = false;
  for (char c : spec) {
    if (c == ':') {
      out.push_back(n);
      n = 0;
      any = false;
    } else if (c >= '0' && c <= '9') {
      n = n * 10 + static_cast<std::uint32_t>(c - '0');
      any = true;
    }
  }
  if (any) out.push_back(n);
  return out;
}

// "a.b[2]" for a field access "0:i:j:...", walking members and array elements.
std::string field_path(const btf* b, std::uint32_t root, const std::vector<std::uint32_t>& idx) {
  std::string out = idx.empty() || idx[0] == 0 ? "" : fmt::format("[{}]", idx[0]);
  std::uint32_t id = root;
  for (std::size_t i = 1; i < idx.size(); ++i) {
    const btf_type* t = skip_mods(b, id);
    if (t == nullptr) break;
    if (btf_is_composite(t) && idx[i] < btf_vlen(t)) {
      const btf_member& m = btf_members(t)[idx[i]];
      const char* name = btf__name_by_offset(b, m.name_off);
      if (name != nullptr && *name != '\0') out += (out.empty() ? "" : ".") + std::string(name);
      id = m.type;
    } else if (btf_is_array(t)) {
      out += fmt::format("[{}]", idx[i]);
      id = btf_array(t)->type;
    } else {
      out += fmt::format("#{}", idx[i]);
    }
  }
  return out;
}

std::string enumerator(const btf* b, std::uint32_t root, const std::vector<std::uint32_t>& idx) {
  std::uint32_t id = root;
  const btf_type* t = skip_mods(b, id);
  if (t == nullptr || idx.empty() || idx[0] >= btf_vlen(t)) return {};
  const char* name = nullptr;
  if (btf_is_enum(t)) name = btf__name_by_offset(b, btf_enum(t)[idx[0]].name_off);
  if (btf_is_enum64(t)) name = btf__name_by_offset(b, btf_enum64(t)[idx[0]].name_off);
  return name ? name : "";
}

bool is_type_kind(CoreReloKind k) {
  return k == CoreReloKind::kTypeIdLocal || k == CoreReloKind::kTypeIdTarget ||
         k == CoreReloKind::kTypeExists || k == CoreReloKind::kTypeSize ||
         k == CoreReloKind::kTypeMatches;
}

bool is_enum_kind(CoreReloKind k) {
  return k == CoreReloKind::kEnumvalExists || k == CoreReloKind::kEnumvalValue;
}

CoreRelocation resolve(const btf* b, std::string section, const std::uint32_t rec[4],
                       const ElfCode& code) {
  CoreRelocation r;
  r.section = std::move(section);
  r.insn_offset = rec[0];
  r.type_id = rec[1];
  const char* access = btf__name_by_offset(b, rec[2]);
  r.access = access ? access : "";
  r.kind = static_cast<CoreReloKind>(rec[3]);
  r.local_type = type_label(b, r.type_id);
  r.root_type = without_flavour(r.local_type);
  auto idx = access_indexes(r.access);
  if (is_enum_kind(r.kind)) {
    r.field = enumerator(b, r.type_id, idx);
  } else if (!is_type_kind(r.kind)) {
    r.field = field_path(b, r.type_id, idx);
  }
  if (const FunctionSpan* f = function_at(code, r.section, r.insn_offset)) r.program = f->name;
  return r;
}

// The rule documented in docs/user-guide.md ("guarded").
void mark_guarded(std::vector<CoreRelocation>& relos) {
  std::set<std::pair<std::string, std::string>> checked;  // (root type, field or enumerator)
  std::set<std::string> types_checked;
  for (const auto& r : relos) {
    if (r.kind == CoreReloKind::kTypeExists || r.kind == CoreReloKind::kTypeMatches) {
      types_checked.insert(r.root_type);
    } else if (is_existence_check(r.kind)) {
      checked.insert({r.root_type, r.field});
    }
  }
  for (auto& r : relos) {
    r.guarded = is_existence_check(r.kind) || types_checked.count(r.root_type) > 0 ||
                (!is_type_kind(r.kind) && checked.count({r.root_type, r.field}) > 0);
  }
}

}  // namespace

std::string_view core_relo_kind_name(CoreReloKind kind) {
  constexpr std::array<std::string_view, 13> kNames = {
      "FIELD_BYTE_OFFSET", "FIELD_BYTE_SIZE", "FIELD_EXISTS",   "FIELD_SIGNED", "FIELD_LSHIFT_U64",
      "FIELD_RSHIFT_U64",  "TYPE_ID_LOCAL",   "TYPE_ID_TARGET", "TYPE_EXISTS",  "TYPE_SIZE",
      "ENUMVAL_EXISTS",    "ENUMVAL_VALUE",   "TYPE_MATCHES"};
  auto i = static_cast<std::size_t>(kind);
  return i < kNames.size() ? kNames[i] : "UNKNOWN";
}

bool is_existence_check(CoreReloKind kind) {
  return kind == CoreReloKind::kFieldExists || kind == CoreReloKind::kTypeExists ||
         kind == CoreReloKind::kTypeMatches || kind == CoreReloKind::kEnumvalExists;
}

CoreRelocations read_core_relocations(const std::string& btf_bytes, const std::string& btf_ext,
                                      const ElfCode& code) {
  CoreRelocations out;
  std::string_view ext = btf_ext;
  if (ext.size() < 8) return out;
  std::uint16_t magic = 0;
  std::memcpy(&magic, ext.data(), sizeof magic);
  std::uint32_t hdr_len = u32_at(ext, 4);
  if (magic != kBtfMagic || hdr_len > ext.size()) {
    out.error = ".BTF.ext: bad header (not BTF.ext magic 0xeb9f, or a header past its end)";
    return out;
  }
  if (hdr_len < kHeaderWithCoreRelo) return out;  // no core_relo subsection
  std::size_t at = hdr_len + u32_at(ext, 24);
  std::size_t end = at + u32_at(ext, 28);
  if (end == at) return out;
  if (end > ext.size() || end < at + 4) {
    out.error = fmt::format(".BTF.ext: core_relo subsection [{}, {}) past the end ({})", at, end,
                            ext.size());
    return out;
  }
  BtfPtr b(btf__new(btf_bytes.data(), static_cast<__u32>(btf_bytes.size())));
  if (!b) {
    out.error = ".BTF: libbpf cannot parse it, so CO-RE relocations cannot be resolved";
    return out;
  }
  std::uint32_t rec_size = u32_at(ext, at);
  if (rec_size < kCoreReloSize) {
    out.error = fmt::format(".BTF.ext: core_relo record size {} < {}", rec_size, kCoreReloSize);
    return out;
  }
  for (at += 4; at + 8 <= end;) {
    const char* sec = btf__name_by_offset(b.get(), u32_at(ext, at));
    std::uint32_t count = u32_at(ext, at + 4);
    at += 8;
    for (std::uint32_t i = 0; i < count && at + rec_size <= end; ++i, at += rec_size) {
      std::uint32_t rec[4] = {u32_at(ext, at), u32_at(ext, at + 4), u32_at(ext, at + 8),
                              u32_at(ext, at + 12)};
      out.relocations.push_back(resolve(b.get(), sec ? sec : "", rec, code));
    }
  }
  mark_guarded(out.relocations);
  return out;
}

}  // namespace bpfcompat::inspect
