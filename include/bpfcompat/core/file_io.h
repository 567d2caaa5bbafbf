// Whole-file reads and atomic whole-file writes (temp file + rename: never a half file).
#pragma once

#include <cstddef>
#include <string>

#include "bpfcompat/core/result.h"

namespace bpfcompat {

// Reads at most max_bytes; a larger file is an error naming the path.
Result<std::string> read_file(const std::string& path, std::size_t max_bytes = 256u << 20);
// Writes via path.tmp.<pid> + fsync + rename. Creates parent directories.
Result<void> write_file_atomic(const std::string& path, const std::string& content);

}  // namespace bpfcompat
