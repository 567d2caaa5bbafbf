#include "download.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <random>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/sha256.h"
#include "bpfcompat/core/unique_fd.h"
#include "bpfcompat/sources/cache.h"

namespace bpfcompat::sources {
namespace {

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Sink {
  int fd = -1;
  Sha256 hash;
  std::optional<Sha512> hash512;
  std::uint64_t written = 0;
  std::uint64_t max_bytes = 0;
  bool too_big = false;
  int write_errno = 0;
};

std::size_t on_data(char* data, std::size_t size, std::size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  std::size_t len = size * n;
  if (sink->written + len > sink->max_bytes) {
    sink->too_big = true;
    return 0;  // makes curl fail with CURLE_WRITE_ERROR
  }
  std::size_t off = 0;
  while (off < len) {
    ssize_t w = write(sink->fd, data + off, len - off);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) {
      sink->write_errno = errno;
      return 0;
    }
    off += static_cast<std::size_t>(w);
  }
  sink->hash.update(data, len);
  if (sink->hash512) sink->hash512->update(data, len);
  sink->written += len;
  return len;
}

int on_progress(void*, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return cancelled() ? 1 : 0;  // non-zero aborts the transfer
}

// Why a transfer failed: "larger than the N byte cap", "HTTP 404", curl's own words.
std::string transfer_reason(CURLcode rc, long status, const Sink& sink, const char* detail) {
  if (sink.too_big) return fmt::format("larger than the {} byte cap", sink.max_bytes);
  if (sink.write_errno != 0) return strerror(sink.write_errno);
  if (status >= 400) return fmt::format("HTTP {}", status);
  return *detail ? detail : curl_easy_strerror(rc);
}

// Whether the server (or the file system) answered for good: the file is not there, or is too
// large. Timeouts (408), throttling (429) and server errors (5xx) may pass.
bool is_permanent(CURLcode rc, long status, const Sink& sink) {
  if (sink.too_big || rc == CURLE_FILE_COULDNT_READ_FILE) return true;
  return status >= 400 && status < 500 && status != 408 && status != 429;
}

Error transfer_error(const std::string& url, CURLcode rc, long status, const Sink& sink,
                     const char* detail) {
  if (rc == CURLE_ABORTED_BY_CALLBACK && cancelled()) {
    return Error{ErrorKind::kCancelled, fmt::format("download of {} cancelled", url), {}, {}, {}};
  }
  Error error = infrastructure_error(fmt::format("download of {} failed: {}", url,
                                                 transfer_reason(rc, status, sink, detail)))
                    .with_code(kDownloadFailed);
  error.permanent = is_permanent(rc, status, sink);
  return error;
}

}  // namespace

std::string part_path_for(const std::string& final_path) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{}.part.{}.{:08x}", final_path, getpid(), static_cast<std::uint32_t>(rng()));
}

Result<DownloadDigests> download_to_part(const std::string& url, const std::string& part_path,
                                         std::uint64_t max_bytes, bool with_sha512) {
  init_curl_once();
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) return internal_error("curl_easy_init failed");
  Sink sink;
  sink.max_bytes = max_bytes;
  if (with_sha512) sink.hash512.emplace();
  UniqueFd fd(open(part_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd) {
    return infrastructure_error(fmt::format("cannot write {}: {}", part_path, strerror(errno)));
  }
  sink.fd = fd.get();
  char detail[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https,file");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);  // a transfer stalled for 60 s fails
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(max_bytes));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "bpfcompat");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  auto started = std::chrono::steady_clock::now();
  CURLcode rc = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (rc == CURLE_FILESIZE_EXCEEDED) sink.too_big = true;
  if (rc == CURLE_OK && fsync(fd.get()) != 0) sink.write_errno = errno;
  fd.reset();
  if (rc != CURLE_OK || sink.write_errno != 0) {
    unlink(part_path.c_str());
    return transfer_error(url, rc, status, sink, detail);
  }
  spdlog::info("downloaded {} ({:.1f} MB in {:.1f} s)", url,
               static_cast<double>(sink.written) / 1e6,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  DownloadDigests out;
  out.sha256 = sink.hash.hex_digest();
  if (sink.hash512) out.sha512 = sink.hash512->hex_digest();
  return out;
}

Result<std::string> download_file(const std::string& url, const std::string& dest,
                                  std::uint64_t max_bytes) {
  std::error_code ec;
  auto parent = std::filesystem::path(dest).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::string part = part_path_for(dest);
  auto sums = download_to_part(url, part, max_bytes);
  if (!sums) return std::move(sums).error();
  if (rename(part.c_str(), dest.c_str()) != 0) {
    int err = errno;
    unlink(part.c_str());
    return infrastructure_error(fmt::format("cannot write {}: {}", dest, strerror(err)));
  }
  return std::move(sums->sha256);
}

}  // namespace bpfcompat::sources
