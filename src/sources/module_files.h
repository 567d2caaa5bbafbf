// Kernel module files in a kernel's module tree: names and images (shared by resolve_modules and
// the function → module index).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "bpfcompat/core/result.h"

namespace bpfcompat::sources {

// Module names treat '-' and '_' alike (as modprobe does).
std::string canonical_module_name(std::string name);

// "sch_ingress.ko.xz" → "sch_ingress"; empty for files that are not modules.
std::string module_stem(const std::string& file);

// Every module file under `root`: canonical name → path.
std::map<std::string, std::string> module_files(const std::string& root);

// The uncompressed image of a .ko, .ko.xz, .ko.zst or .ko.gz file.
Result<std::string> read_module_image(const std::string& path);

}  // namespace bpfcompat::sources
