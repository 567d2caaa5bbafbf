#include "btf_map_source.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace bpfcompat::inspect {
namespace {

std::string map_type(const LegacyMapDef& map) {
  if (map.type_name.empty()) return std::to_string(map.type);
  std::string upper = map.type_name;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return "BPF_MAP_TYPE_" + upper;
}

std::string sized(std::string_view field, std::uint32_t size) {
  if (size == 4) return fmt::format("    __type({}, __u32);\n", field);
  if (size == 8) return fmt::format("    __type({}, __u64);\n", field);
  return fmt::format("    __uint({}_size, {});\n", field, size);
}

}  // namespace

std::string btf_map_source(const LegacyMapDef& map) {
  std::string out = "struct {\n";
  out += fmt::format("    __uint(type, {});\n", map_type(map));
  out += fmt::format("    __uint(max_entries, {});\n", map.max_entries);
  out += sized("key", map.key_size);
  out += sized("value", map.value_size);
  if (map.map_flags != 0) out += fmt::format("    __uint(map_flags, {:#x});\n", map.map_flags);
  out += fmt::format("}} {} SEC(\".maps\");", map.name);
  return out;
}

}  // namespace bpfcompat::inspect
