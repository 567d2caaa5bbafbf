// BPF helper names and the GPL-only ones, for ids read from call instructions.
#pragma once

#include <cstdint>
#include <string>

namespace bpfcompat::inspect {

// "bpf_map_lookup_elem" for 1; "helper#N" for an id past the known helpers.
std::string helper_name(std::int32_t id);
// Whether the kernel's bpf_func_proto of the helper says gpl_only = true (in any program type).
bool helper_gpl_only(std::int32_t id);
// The number of helper ids known (the highest + 1).
std::int32_t known_helper_count();
// Whether a license string is GPL-compatible as the kernel judges it (license_is_gpl_compatible).
bool license_is_gpl_compatible(const std::string& license);

}  // namespace bpfcompat::inspect
