#include "bpfcompat/core/sha256.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "bpfcompat/core/unique_fd.h"

namespace bpfcompat {

const char* hash_name(HashAlgorithm algorithm) {
  return algorithm == HashAlgorithm::kSha512 ? "sha512" : "sha256";
}

const char* hash_display_name(HashAlgorithm algorithm) {
  return algorithm == HashAlgorithm::kSha512 ? "SHA-512" : "SHA-256";
}

std::size_t hex_digest_size(HashAlgorithm algorithm) {
  return algorithm == HashAlgorithm::kSha512 ? 128 : 64;
}

std::optional<HashAlgorithm> parse_hash_algorithm(std::string_view name) {
  if (name == "sha256") return HashAlgorithm::kSha256;
  if (name == "sha512") return HashAlgorithm::kSha512;
  return std::nullopt;
}

std::optional<HashAlgorithm> algorithm_of_hex(std::string_view hex) {
  for (char c : hex) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  if (hex.size() == 64) return HashAlgorithm::kSha256;
  if (hex.size() == 128) return HashAlgorithm::kSha512;
  return std::nullopt;
}

struct Hasher::Impl {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~Impl() { EVP_MD_CTX_free(ctx); }
};

Hasher::Hasher(HashAlgorithm algorithm) : impl_(std::make_unique<Impl>()) {
  EVP_DigestInit_ex(impl_->ctx, algorithm == HashAlgorithm::kSha512 ? EVP_sha512() : EVP_sha256(),
                    nullptr);
}
Hasher::~Hasher() = default;

void Hasher::update(const void* data, std::size_t size) {
  EVP_DigestUpdate(impl_->ctx, data, size);
}

std::string Hasher::hex_digest() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(impl_->ctx, md, &len);
  std::string out;
  out.reserve(len * 2);
  for (unsigned i = 0; i < len; ++i) out += fmt::format("{:02x}", md[i]);
  return out;
}

std::string hash_hex(HashAlgorithm algorithm, std::string_view data) {
  Hasher h(algorithm);
  h.update(data.data(), data.size());
  return h.hex_digest();
}

Result<std::string> hash_file(HashAlgorithm algorithm, const std::string& path) {
  UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return invalid_input(fmt::format("cannot read {}: {}", path, strerror(errno)));
  Hasher h(algorithm);
  char buf[1 << 16];
  while (true) {
    ssize_t n = read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      return infrastructure_error(fmt::format("cannot read {}: {}", path, strerror(errno)));
    if (n == 0) break;
    h.update(buf, static_cast<std::size_t>(n));
  }
  return h.hex_digest();
}

std::string sha256_hex(std::string_view data) {
  return hash_hex(HashAlgorithm::kSha256, data);
}

Result<std::string> sha256_file(const std::string& path) {
  return hash_file(HashAlgorithm::kSha256, path);
}

std::string sha512_hex(std::string_view data) {
  return hash_hex(HashAlgorithm::kSha512, data);
}

}  // namespace bpfcompat
