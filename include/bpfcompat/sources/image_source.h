// Turns a cloud-image profile's `image:` into a verified base image on disk: download through
// the cache (sha256, sha512, or the sum a checksum_url lists), or a local file as is; format
// detected.
#pragma once

#include <optional>
#include <string>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/core/sha256.h"
#include "bpfcompat/sources/cache.h"

namespace bpfcompat::sources {

struct PreparedImage {
  std::string path;    // the base image (never written to: overlays go on top)
  std::string format;  // "qcow2" or "raw"
  std::string sha256;  // the file's sha256 (its cache key); empty for a local image
  std::string sha512;  // the verified SHA-512 when the source gave one, else empty
  std::string source;  // ImageSource::describe()
};

// Blocks while downloading. A checksum mismatch is a kInfrastructure error whose code
// (Error::code) is IMAGE_CHECKSUM_MISMATCH and whose message names both sums; a
// checksum_url that does not list the image is kInvalidInput.
Result<PreparedImage> prepare_image(Cache& cache, const config::Profile& profile);

// The sum a checksum file (SHA256SUMS, SHA512SUMS, CHECKSUM, X.qcow2.sha256...) lists for
// file_name: GNU lines ("<hex>  name", "<hex> *name", "./name"), BSD lines ("SHA256 (name) =
// <hex>", "SHA512 (name) = <hex>") or a bare "<hex>" line; the algorithm of an untagged sum is
// its length (64 or 128 hex digits). `algorithm` keeps only sums of that algorithm; nullopt takes
// the first sum for the file. When no line names file_name, the file's only sum is taken if it
// is bare, or if `sidecar`: the checksum file is named after the image (X.qcow2.sha256), as
// distributions publish for "latest" links, and names the versioned file instead. Lowercase.
std::optional<Digest> find_digest_in_sums(const std::string& sums, const std::string& file_name,
                                          std::optional<HashAlgorithm> algorithm, bool sidecar);

// find_digest_in_sums() for SHA-256 only, not a sidecar.
std::optional<std::string> find_sha256_in_sums(const std::string& sums,
                                               const std::string& file_name);

// "qcow2" when the bytes start with qcow2's magic, else "raw".
std::string detect_image_format(const std::string& header);

}  // namespace bpfcompat::sources
