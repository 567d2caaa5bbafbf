#include "bpfcompat/sources/cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

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

Result<std::string> normalize_sha256(const std::string& sha256) {
  std::string hex = sha256;
  std::transform(hex.begin(), hex.end(), hex.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  bool ok = hex.size() == 64 && std::all_of(hex.begin(), hex.end(),
                                            [](unsigned char c) { return std::isxdigit(c) != 0; });
  if (!ok) return invalid_input(fmt::format("'{}' is not a sha256 (64 hex digits)", sha256));
  return hex;
}

}  // namespace

Cache::Cache(std::string root) : root_(std::move(root)) {}

std::string Cache::default_root() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && *xdg) return std::string(xdg) + "/bpfcompat";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : "/tmp") + "/.cache/bpfcompat";
}

Result<std::string> Cache::fetch_verified(const std::string& url, const std::string& sha256,
                                          std::uint64_t max_bytes) {
  auto expected = normalize_sha256(sha256);
  if (!expected) return expected.error();
  std::string final_path = fmt::format("{}/blobs/sha256/{}", root_, *expected);
  if (file_exists(final_path)) return final_path;
  auto lock = FileLock::acquire(final_path + ".lock");
  if (!lock) return std::move(lock).error();
  // Whoever held the lock before us may have downloaded it.
  if (file_exists(final_path)) return final_path;
  std::string part = part_path_for(final_path);
  auto got = download_to_part(url, part, max_bytes);
  if (!got) return std::move(got).error();
  if (*got != *expected) {
    unlink(part.c_str());
    return infrastructure_error(
        fmt::format("{}{}: expected {}, got {}", kChecksumErrorPrefix, url, *expected, *got),
        "the file changed upstream or the download was corrupted; check the sha256 you gave");
  }
  if (rename(part.c_str(), final_path.c_str()) != 0) {
    int err = errno;
    unlink(part.c_str());
    return infrastructure_error(fmt::format("cannot write {}: {}", final_path, strerror(err)));
  }
  return final_path;
}

Result<std::string> Cache::fetch_index(const std::string& url, std::uint64_t max_bytes,
                                       std::chrono::seconds max_age) {
  std::string path = fmt::format("{}/index/{}", root_, sha256_hex(url));
  if (is_fresh(path, max_age)) return path;
  auto lock = FileLock::acquire(path + ".lock");
  if (!lock) return std::move(lock).error();
  if (is_fresh(path, max_age)) return path;
  auto got = download_file(url, path, max_bytes);
  if (got) return path;
  // Offline or the mirror is down: a stale copy beats no answer.
  if (got.error().kind != ErrorKind::kCancelled && file_exists(path)) return path;
  return std::move(got).error();
}

std::string Cache::derived_dir(const std::string& kind, const std::string& key) const {
  std::string dir = fmt::format("{}/{}/{}", root_, kind, key);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  return dir;
}

std::string source_error_code(const Error& error) {
  if (error.message.rfind(kChecksumErrorPrefix, 0) == 0) return "IMAGE_CHECKSUM_MISMATCH";
  if (error.message.rfind(kDownloadErrorPrefix, 0) == 0) return "DOWNLOAD_FAILED";
  return {};
}

}  // namespace bpfcompat::sources
