// libarchive at the edges of the cache: decompressing single files (xz, zstd, gzip or none) and
// unpacking the data member of a .deb or the payload of an .rpm.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "bpfcompat/core/result.h"

namespace bpfcompat::sources {

// The decompressed contents of `path` (any compression libarchive knows, or none); an error past
// max_bytes of output.
Result<std::string> decompress_file(const std::string& path, std::uint64_t max_bytes);

// Maps a path inside the package ("boot/vmlinuz-6.1.0-50-cloud-amd64", without "./") to where it
// goes under the destination, or nullopt to skip it.
using DebPathFilter = std::function<std::optional<std::string>(const std::string&)>;

// Extracts the regular files of a .deb's data.tar.* that the filter accepts into dest_dir.
// Paths with ".." or absolute paths are refused; links and device nodes are skipped.
Result<void> extract_deb(const std::string& deb_path, const std::string& dest_dir,
                         const DebPathFilter& filter);

// The same for the cpio payload of an .rpm (xz, zstd, gzip or bzip2).
Result<void> extract_rpm(const std::string& rpm_path, const std::string& dest_dir,
                         const DebPathFilter& filter);

}  // namespace bpfcompat::sources
