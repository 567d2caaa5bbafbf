#include "bpfcompat/core/file_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "bpfcompat/core/unique_fd.h"

namespace bpfcompat {

Result<std::string> read_file(const std::string& path, std::size_t max_bytes) {
  UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return invalid_input(fmt::format("cannot read {}: {}", path, strerror(errno)));
  std::string out;
  char buf[65536];
  while (true) {
    ssize_t n = read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return invalid_input(fmt::format("cannot read {}: {}", path, strerror(errno)));
    if (n == 0) break;
    if (out.size() + static_cast<std::size_t>(n) > max_bytes) {
      return invalid_input(fmt::format("{} is larger than {} bytes", path, max_bytes));
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

Result<void> write_file_atomic(const std::string& path, const std::string& content) {
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::string tmp = fmt::format("{}.tmp.{}", path, getpid());
  UniqueFd fd(open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd) return infrastructure_error(fmt::format("cannot write {}: {}", path, strerror(errno)));
  std::size_t off = 0;
  while (off < content.size()) {
    ssize_t n = write(fd.get(), content.data() + off, content.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      unlink(tmp.c_str());
      return infrastructure_error(fmt::format("cannot write {}: {}", path, strerror(err)));
    }
    off += static_cast<std::size_t>(n);
  }
  fsync(fd.get());
  fd.reset();
  if (rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    unlink(tmp.c_str());
    return infrastructure_error(fmt::format("cannot write {}: {}", path, strerror(err)));
  }
  return {};
}

}  // namespace bpfcompat
