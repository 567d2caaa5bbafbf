#include "bpfcompat/sources/cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "bpfcompat/core/sha256.h"
#include "download.h"
#include "file_lock.h"

namespace bpfcompat::sources {
namespace {

bool file_exists(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool is_fresh(const std::string& path, std::chrono::seconds max_age) {
  std::error_code ec;
  auto mtime = std::filesystem::last_write_time(path, ec);
  if (ec) return false;
  auto age = std::filesystem::file_time_type::clock::now() - mtime;
  return age < max_age;
}

Result<std::string> normalize_hex(const std::string& hex, HashAlgorithm algorithm) {
  std::string out = hex;
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (algorithm_of_hex(out) != algorithm) {
    return invalid_input(fmt::format("'{}' is not a {} ({} hex digits)", hex, hash_name(algorithm),
                                     hex_digest_size(algorithm)));
  }
  return out;
}

// The blob a blobs/<algorithm>/<hex> symlink names, if that blob is present.
std::optional<std::string> resolve_alias(const std::string& link) {
  std::error_code ec;
  auto target = std::filesystem::read_symlink(link, ec);
  if (ec) return std::nullopt;
  auto blob = (std::filesystem::path(link).parent_path() / target).lexically_normal().string();
  if (!file_exists(blob)) return std::nullopt;
  return blob;
}

// Points `link` at `target` atomically (a temporary symlink renamed over it).
Result<void> replace_symlink(const std::string& target, const std::string& link) {
  std::string tmp = part_path_for(link);
  if (symlink(target.c_str(), tmp.c_str()) != 0 || rename(tmp.c_str(), link.c_str()) != 0) {
    int err = errno;
    unlink(tmp.c_str());
    return infrastructure_error(fmt::format("cannot write {}: {}", link, strerror(err)));
  }
  return {};
}

Error mismatch_error(const std::string& url, HashAlgorithm algorithm, const std::string& expected,
                     const std::string& got) {
  return infrastructure_error(
             fmt::format("checksum mismatch for {}: expected {}, got {}", url, expected, got),
             fmt::format(
                 "the file changed upstream or the download was corrupted; check the {} you gave",
                 hash_name(algorithm)))
      .with_code(kImageChecksumMismatch);
}

std::string cache_hit(const std::string& url, const std::string& path) {
  spdlog::info("cache hit: {} ({})", url, path);
  return path;
}

}  // namespace

std::string Cache::index_path(const std::string& url) const {
  return fmt::format("{}/index/{}", root_, sha256_hex(url));
}

Cache::Cache(std::string root) : root_(std::move(root)) {}

std::string Cache::default_root() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && *xdg) return std::string(xdg) + "/bpfcompat";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : "/tmp") + "/.cache/bpfcompat";
}

Result<std::string> Cache::fetch_verified(const std::string& url, const std::string& sha256,
                                          std::uint64_t max_bytes) {
  auto expected = normalize_hex(sha256, HashAlgorithm::kSha256);
  if (!expected) return expected.error();
  std::string final_path = fmt::format("{}/blobs/sha256/{}", root_, *expected);
  if (file_exists(final_path)) return cache_hit(url, final_path);
  auto lock = FileLock::acquire(final_path + ".lock");
  if (!lock) return std::move(lock).error();
  // Whoever held the lock before us may have downloaded it.
  if (file_exists(final_path)) return cache_hit(url, final_path);
  std::string part = part_path_for(final_path);
  auto got = download_to_part(url, part, max_bytes);
  if (!got) return std::move(got).error();
  if (got->sha256 != *expected) {
    unlink(part.c_str());
    return mismatch_error(url, HashAlgorithm::kSha256, *expected, got->sha256);
  }
  if (rename(part.c_str(), final_path.c_str()) != 0) {
    int err = errno;
    unlink(part.c_str());
    return infrastructure_error(fmt::format("cannot write {}: {}", final_path, strerror(err)));
  }
  return final_path;
}

Result<std::string> Cache::fetch_verified(const std::string& url, const Digest& digest,
                                          std::uint64_t max_bytes) {
  if (digest.algorithm == HashAlgorithm::kSha256) return fetch_verified(url, digest.hex, max_bytes);
  auto expected = normalize_hex(digest.hex, digest.algorithm);
  if (!expected) return expected.error();
  std::string link = fmt::format("{}/blobs/{}/{}", root_, hash_name(digest.algorithm), *expected);
  if (auto blob = resolve_alias(link)) return cache_hit(url, *blob);
  auto lock = FileLock::acquire(link + ".lock");
  if (!lock) return std::move(lock).error();
  if (auto blob = resolve_alias(link)) return cache_hit(url, *blob);
  std::string blobs = root_ + "/blobs/sha256";
  std::error_code ec;
  std::filesystem::create_directories(blobs, ec);
  std::string part = part_path_for(
      fmt::format("{}/{}-{}", blobs, hash_name(digest.algorithm), expected->substr(0, 16)));
  auto got = download_to_part(url, part, max_bytes, true);
  if (!got) return std::move(got).error();
  if (got->sha512 != *expected) {
    unlink(part.c_str());
    return mismatch_error(url, digest.algorithm, *expected, got->sha512);
  }
  std::string final_path = fmt::format("{}/{}", blobs, got->sha256);
  // The same bytes may already be here, fetched by their sha256.
  if (file_exists(final_path)) {
    unlink(part.c_str());
  } else if (rename(part.c_str(), final_path.c_str()) != 0) {
    int err = errno;
    unlink(part.c_str());
    return infrastructure_error(fmt::format("cannot write {}: {}", final_path, strerror(err)));
  }
  auto linked = replace_symlink("../sha256/" + got->sha256, link);
  if (!linked) return std::move(linked).error();
  return final_path;
}

bool Cache::has_fresh_index(const std::string& url, std::chrono::seconds max_age) const {
  return is_fresh(index_path(url), max_age);
}

Result<std::string> Cache::fetch_index(const std::string& url, std::uint64_t max_bytes,
                                       std::chrono::seconds max_age) {
  std::string path = index_path(url);
  if (is_fresh(path, max_age)) return cache_hit(url, path);
  auto lock = FileLock::acquire(path + ".lock");
  if (!lock) return std::move(lock).error();
  if (is_fresh(path, max_age)) return cache_hit(url, path);
  auto got = download_file(url, path, max_bytes);
  if (got) return path;
  // Offline or the mirror is down: a stale copy beats no answer.
  if (got.error().kind != ErrorKind::kCancelled && file_exists(path)) {
    spdlog::warn("cannot refresh {} ({}); using the cached copy", url, got.error().describe());
    return path;
  }
  return std::move(got).error();
}

std::string Cache::derived_dir(const std::string& kind, const std::string& key) const {
  std::string dir = fmt::format("{}/{}/{}", root_, kind, key);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  return dir;
}

}  // namespace bpfcompat::sources
