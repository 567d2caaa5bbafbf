// The libcurl transfer behind the cache: one URL into one temporary file, hashed while streaming.
#pragma once

#include <cstdint>
#include <string>

#include "bpfcompat/core/result.h"

namespace bpfcompat::sources {

// A fresh temporary name beside `final_path`: <final>.part.<pid>.<random>.
std::string part_path_for(const std::string& final_path);

// The sums of a downloaded file, computed while streaming it.
struct DownloadDigests {
  std::string sha256;
  std::string sha512;  // empty unless asked for
};

// Writes url's body to part_path and returns its sha256 (and sha512 when `with_sha512`). Fails
// (removing part_path) on HTTP errors ("download of URL failed: HTTP 404"), past max_bytes, on
// stalls (all code kDownloadFailed; a 4xx but 408/429, a missing file:// and past max_bytes are
// Error::permanent), and with a kCancelled error when cancelled() turns true.
Result<DownloadDigests> download_to_part(const std::string& url, const std::string& part_path,
                                         std::uint64_t max_bytes, bool with_sha512 = false);

}  // namespace bpfcompat::sources
