#include <cctype>
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

bool is_sha256_hex(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

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

Result<std::string> sha256_from_sums(Cache& cache, const config::ImageSource& image) {
  auto sums_path = cache.fetch_index(image.checksum_url, kMaxSumsBytes, kSumsMaxAge);
  if (!sums_path) return in_context(std::move(sums_path).error(), "fetching the checksum file");
  std::ifstream in(*sums_path);
  std::stringstream text;
  text << in.rdbuf();
  std::string name = url_basename(image.url);
  if (auto sum = find_sha256_in_sums(text.str(), name)) return *sum;
  return invalid_input(fmt::format("{} lists no SHA-256 for {}", image.checksum_url, name),
                       "check the image URL and that the checksum file holds SHA-256 sums");
}

}  // namespace

std::optional<std::string> find_sha256_in_sums(const std::string& sums,
                                               const std::string& file_name) {
  std::istringstream lines(sums);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // BSD: SHA256 (name) = hex
    if (line.rfind("SHA256 (", 0) == 0) {
      auto close = line.rfind(") = ");
      if (close == std::string::npos) continue;
      std::string name = line.substr(8, close - 8);
      std::string hex = line.substr(close + 4);
      if (name == file_name && is_sha256_hex(hex)) return lower(hex);
      continue;
    }
    // GNU: hex, whitespace, optional '*' (binary mode), name
    auto space = line.find_first_of(" \t");
    if (space == std::string::npos || !is_sha256_hex(line.substr(0, space))) continue;
    std::string name = line.substr(line.find_first_not_of(" \t", space));
    if (!name.empty() && name[0] == '*') name.erase(0, 1);
    if (name.rfind("./", 0) == 0) name.erase(0, 2);
    if (name == file_name) return lower(line.substr(0, space));
  }
  return std::nullopt;
}

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
    std::string sha256 = image.sha256;
    if (sha256.empty()) {
      auto listed = sha256_from_sums(cache, image);
      if (!listed) return std::move(listed).error();
      sha256 = *listed;
    }
    auto path = cache.fetch_verified(image.url, sha256, kMaxImageBytes);
    if (!path) return in_context(std::move(path).error(), "fetching " + image.url);
    out.path = *path;
    out.sha256 = sha256;
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
