// Manifest parsing pieces shared by load_manifest(), load_suite() and their parts: a manifest
// read into a caller's Diagnostics (so a suite reports it under the manifest's own path).
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/config/manifest.h"
#include "diagnostics.h"
#include "yaml_reader.h"

namespace bpfcompat::config {

// Parses the manifest at `path` (in the user's spelling; Manifest::path comes out absolute).
// Problems are added to `diagnostics`; nullopt when there are any.
std::optional<Manifest> read_manifest_file(const std::string& path, Diagnostics& diagnostics);

// Reads `functional_tests:` into `manifest` (in functional_tests.cpp).
void read_functional_tests(YamlReader& r, const Field& f, Manifest& manifest);

// Reads `program_variants:` into `manifest` (in program_variants.cpp).
void read_program_variants(YamlReader& r, const Field& f, Manifest& manifest);

// Every helper name helper_id() knows ("bpf_map_lookup_elem", ...), in id order.
std::vector<std::string> helper_names();

}  // namespace bpfcompat::config
