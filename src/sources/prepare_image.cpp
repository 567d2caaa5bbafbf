#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "bpfcompat/sources/image_source.h"
#include "error_context.h"

namespace bpfcompat::sources {
namespace {

constexpr std::uint64_t kMaxImageBytes = 32ull << 30;
constexpr std::uint64_t kMaxSumsBytes = 8u << 20;
constexpr std::chrono::hours kSumsMaxAge{6};

// The last path component of a URL, without query or fragment.
std::string url_basename(const std::string& url) {
  std::string path = url.substr(0, url.find_first_of("?#"));
  return path.substr(path.rfind('/') + 1);
}

Result<std::string> read_header(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return infrastructure_error(fmt::format("cannot read image {}", path));
  std::string header(4, '\0');
  in.read(header.data(), 4);
  header.resize(static_cast<std::size_t>(in.gcount()));
  return header;
}

Result<Digest> digest_from_sums(Cache& cache, const config::ImageSource& image) {
  auto sums_path = cache.fetch_index(image.checksum_url, kMaxSumsBytes, kSumsMaxAge);
  if (!sums_path) return in_context(std::move(sums_path).error(), "fetching the checksum file");
  std::ifstream in(*sums_path);
  std::stringstream text;
  text << in.rdbuf();
  std::string name = url_basename(image.url);
  std::optional<HashAlgorithm> algorithm;
  if (!image.checksum_type.empty()) algorithm = parse_hash_algorithm(image.checksum_type);
  // X.qcow2.sha256, X.qcow2.CHECKSUM...: a checksum file that belongs to this image alone.
  bool sidecar = url_basename(image.checksum_url).rfind(name + ".", 0) == 0;
  if (auto sum = find_digest_in_sums(text.str(), name, algorithm, sidecar)) return *sum;
  std::string what = algorithm ? std::string(hash_display_name(*algorithm)) : "SHA-256 or SHA-512";
  return invalid_input(fmt::format("{} lists no {} sum for {}", image.checksum_url, what, name),
                       "check the image URL and that the checksum file holds SHA-256 or SHA-512 "
                       "sums (set 'checksum_type' if it holds both)");
}

Result<Digest> expected_digest(Cache& cache, const config::ImageSource& image) {
  if (!image.sha256.empty()) return Digest{HashAlgorithm::kSha256, image.sha256};
  if (!image.sha512.empty()) return Digest{HashAlgorithm::kSha512, image.sha512};
  return digest_from_sums(cache, image);
}

}  // namespace

std::string detect_image_format(const std::string& header) {
  return header.rfind("QFI\xfb", 0) == 0 ? "qcow2" : "raw";
}

Result<PreparedImage> prepare_image(Cache& cache, const config::Profile& profile) {
  if (!profile.image) {
    return invalid_input(fmt::format("profile '{}' has no image", profile.id));
  }
  const config::ImageSource& image = *profile.image;
  PreparedImage out;
  out.source = image.describe();
  if (!image.local_path.empty()) {
    out.path = image.local_path;
  } else {
    auto digest = expected_digest(cache, image);
    if (!digest) return std::move(digest).error();
    auto path = cache.fetch_verified(image.url, *digest, kMaxImageBytes);
    if (!path) return in_context(std::move(path).error(), "fetching " + image.url);
    out.path = *path;
    // The cache keeps every blob under its sha256, whatever the algorithm that verified it.
    out.sha256 = std::filesystem::path(*path).filename().string();
    if (digest->algorithm == HashAlgorithm::kSha512) out.sha512 = digest->hex;
  }
  if (!image.format.empty()) {
    out.format = image.format;
  } else {
    auto header = read_header(out.path);
    if (!header) return std::move(header).error();
    out.format = detect_image_format(*header);
  }
  return out;
}

}  // namespace bpfcompat::sources
