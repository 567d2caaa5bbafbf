// SHA-256 and SHA-512 of bytes and files, as lowercase hex; the Digest a checksum names.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "bpfcompat/core/result.h"

namespace bpfcompat {

enum class HashAlgorithm { kSha256, kSha512 };
const char* hash_name(HashAlgorithm algorithm);                            // "sha256", "sha512"
const char* hash_display_name(HashAlgorithm algorithm);                    // "SHA-256", "SHA-512"
std::size_t hex_digest_size(HashAlgorithm algorithm);                      // 64, 128
std::optional<HashAlgorithm> parse_hash_algorithm(std::string_view name);  // inverse of hash_name

// An expected checksum: the algorithm and its lowercase hex digest.
struct Digest {
  HashAlgorithm algorithm = HashAlgorithm::kSha256;
  std::string hex;
  bool operator==(const Digest&) const = default;
};

// The algorithm of a hex digest by its length (64 → SHA-256, 128 → SHA-512), or nullopt when it
// is not one (wrong length or a non-hex character).
std::optional<HashAlgorithm> algorithm_of_hex(std::string_view hex);

// Incremental hashing; hex_digest() finishes the hash.
class Hasher {
 public:
  explicit Hasher(HashAlgorithm algorithm);
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;
  void update(const void* data, std::size_t size);
  std::string hex_digest();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class Sha256 : public Hasher {
 public:
  Sha256() : Hasher(HashAlgorithm::kSha256) {}
};

class Sha512 : public Hasher {
 public:
  Sha512() : Hasher(HashAlgorithm::kSha512) {}
};

std::string hash_hex(HashAlgorithm algorithm, std::string_view data);
Result<std::string> hash_file(HashAlgorithm algorithm, const std::string& path);

std::string sha256_hex(std::string_view data);
Result<std::string> sha256_file(const std::string& path);
std::string sha512_hex(std::string_view data);

}  // namespace bpfcompat
