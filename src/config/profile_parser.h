// Profile definitions, inline in a matrix entry or in profiles/<id>.yaml → Profile; and the
// tunables a matrix entry may set on a profile it names.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/config/matrix.h"
#include "yaml_reader.h"

namespace bpfcompat::config {

// ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$
bool is_valid_profile_id(const std::string& id);
extern const char* const kProfileIdRule;

// Every key a profile definition may have, `id` included.
const std::vector<std::string>& profile_keys();
// True when `node` defines a profile (has distro, version, lane, kernel or image) rather than
// naming one.
bool is_profile_definition(const YAML::Node& node);

// Reads a definition into `profile` (whose id is already set): lane, distro, version, the source
// the lane needs, and the tunables.
void read_profile_definition(YamlReader& reader, const YAML::Node& node, Profile& profile);
// Reads the tunables present in `node` (kernel_cmdline, modules, memory_mb, cpus, arch,
// ssh_user) over `profile`.
void read_profile_tunables(YamlReader& reader, const YAML::Node& node, Profile& profile);

}  // namespace bpfcompat::config
