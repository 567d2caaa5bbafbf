// The content-addressed download cache: atomic (temp file + rename), locked (parallel runs share
// one download), size-capped, checksum-verified.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "bpfcompat/core/result.h"
#include "bpfcompat/core/sha256.h"

namespace bpfcompat::sources {

// Error::code of this module's errors: a transfer that failed, a download whose sum is not the
// one asked for (a kernel package's or an image's: reports name both IMAGE_CHECKSUM_MISMATCH).
inline constexpr const char* kDownloadFailed = "DOWNLOAD_FAILED";
inline constexpr const char* kImageChecksumMismatch = "IMAGE_CHECKSUM_MISMATCH";

class Cache {
 public:
  explicit Cache(std::string root);
  // $XDG_CACHE_HOME/bpfcompat, else $HOME/.cache/bpfcompat.
  static std::string default_root();
  const std::string& root() const { return root_; }

  // Returns the path of the blob with this sha256 (blobs/sha256/<hex>), downloading `url`
  // into it when absent. A checksum mismatch deletes the download and returns an
  // kInfrastructure error whose message names both sums (code kImageChecksumMismatch).
  Result<std::string> fetch_verified(const std::string& url, const std::string& sha256,
                                     std::uint64_t max_bytes);

  // The same for a digest of either algorithm. Blobs stay keyed by sha256: a SHA-512 download is
  // stored as blobs/sha256/<its sha256> and found again through the symlink
  // blobs/sha512/<hex> → ../sha256/<sha256>. The returned path is always blobs/sha256/<sha256>.
  Result<std::string> fetch_verified(const std::string& url, const Digest& digest,
                                     std::uint64_t max_bytes);

  // An index file (Release, Packages.xz) with no known checksum: cached under index/ and reused
  // while younger than max_age.
  Result<std::string> fetch_index(const std::string& url, std::uint64_t max_bytes,
                                  std::chrono::seconds max_age);
  // Whether fetch_index(url, …, max_age) would answer from the cache, without the network.
  bool has_fresh_index(const std::string& url, std::chrono::seconds max_age) const;

  // A directory for derived data (extracted kernels...) keyed by `key`; created if absent.
  std::string derived_dir(const std::string& kind, const std::string& key) const;

 private:
  std::string index_path(const std::string& url) const;

  std::string root_;
};

// Downloads url to dest atomically with libcurl (follows redirects, fails on HTTP errors, gives up
// past max_bytes). Returns the sha256 of what was written.
Result<std::string> download_file(const std::string& url, const std::string& dest,
                                  std::uint64_t max_bytes);

}  // namespace bpfcompat::sources
