// The kernel release of an x86 bzImage, read from its setup header (no boot needed).
#pragma once

#include <string>
#include <string_view>

#include "bpfcompat/core/result.h"

namespace bpfcompat::sources {

// From the first bytes of a bzImage: "HdrS" at 0x202, the u16 kernel_version at 0x20E points to
// a NUL-terminated string at 0x200 + value whose first word is the release
// ("6.1.0-50-cloud-amd64").
Result<std::string> bzimage_release(std::string_view header, const std::string& what);
// Reads the first 64 KiB of `path` and parses it.
Result<std::string> bzimage_release_of_file(const std::string& path);

}  // namespace bpfcompat::sources
