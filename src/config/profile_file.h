// profiles/<id>.yaml beside a matrix: one profile definition in a file of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/config/matrix.h"
#include "diagnostics.h"

namespace bpfcompat::config {

// The path where a matrix at `matrix_path` looks for profile `id`, in the user's spelling.
std::string profile_file_path(const std::string& matrix_path, const std::string& id);

// The catalog's file for `id` (the first folder holding <id>.yaml), or "" when none has it.
std::string catalog_profile_path(const ProfileCatalog& catalog, const std::string& id);
// The ids of the catalog's profile files, sorted.
std::vector<std::string> catalog_ids(const ProfileCatalog& catalog);

// Parses the profile file at `path` (which must define `id`); its problems are added to
// `diagnostics` under its own path. nullopt when it has any.
std::optional<Profile> load_profile_file(const std::string& path, const std::string& id,
                                         Diagnostics& diagnostics);

}  // namespace bpfcompat::config
