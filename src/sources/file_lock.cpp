#include "file_lock.h"

#include <fcntl.h>
#include <sys/file.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "bpfcompat/core/cancellation.h"

namespace bpfcompat::sources {

Result<FileLock> FileLock::acquire(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  UniqueFd fd(open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (!fd) {
    return infrastructure_error(fmt::format("cannot open lock file {}: {}", path, strerror(errno)));
  }
  // Poll instead of a blocking flock so that Ctrl-C ends the wait.
  while (flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      return infrastructure_error(fmt::format("cannot lock {}: {}", path, strerror(errno)));
    }
    if (cancelled()) {
      return Error{
          ErrorKind::kCancelled, fmt::format("cancelled while waiting for {}", path), {}, {}, {}};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return FileLock(std::move(fd));
}

}  // namespace bpfcompat::sources
