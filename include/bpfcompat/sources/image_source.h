// Turns a cloud-image profile's `image:` into a verified base image on disk: download through
// the cache (sha256, or the sum a checksum_url lists), or a local file as is; format detected.
#pragma once

#include <optional>
#include <string>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/sources/cache.h"

namespace bpfcompat::sources {

struct PreparedImage {
  std::string path;    // the base image (never written to: overlays go on top)
  std::string format;  // "qcow2" or "raw"
  std::string sha256;  // verified sum; empty for a local image
  std::string source;  // ImageSource::describe()
};

// Blocks while downloading. A checksum mismatch is a kInfrastructure error whose code
// (source_error_code) is IMAGE_CHECKSUM_MISMATCH and whose message names both sums; a
// checksum_url that does not list the image is kInvalidInput.
Result<PreparedImage> prepare_image(Cache& cache, const config::Profile& profile);

// The SHA-256 that a SHA256SUMS-style text lists for file_name: GNU lines ("<hex>  name",
// "<hex> *name", "./name" too) or BSD lines ("SHA256 (name) = <hex>"). Lowercase; nullopt if
// absent.
std::optional<std::string> find_sha256_in_sums(const std::string& sums,
                                               const std::string& file_name);

// "qcow2" when the bytes start with qcow2's magic, else "raw".
std::string detect_image_format(const std::string& header);

}  // namespace bpfcompat::sources
