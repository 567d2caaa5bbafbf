// The BTF-defined (SEC(".maps")) C source that replaces a legacy struct bpf_map_def.
#pragma once

#include <string>

#include "bpfcompat/inspect/object_facts.h"

namespace bpfcompat::inspect {

// A `struct { __uint(type, BPF_MAP_TYPE_...); ... } name SEC(".maps");` block, one field a line;
// __u32/__u64 for 4- and 8-byte keys and values, else __uint(key_size/value_size, N).
std::string btf_map_source(const LegacyMapDef& map);

}  // namespace bpfcompat::inspect
