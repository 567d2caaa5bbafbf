#include "staged_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include <fmt/format.h>

namespace bpfcompat::transport {
namespace {

Error write_error(const std::string& path, int err) {
  return infrastructure_error(fmt::format("cannot write {}: {}", path, strerror(err)));
}

}  // namespace

Result<StagedFile> StagedFile::create(const std::string& path, unsigned mode) {
  std::string tmp = fmt::format("{}.tmp.{}", path, getpid());
  unlink(tmp.c_str());  // a leftover of a crashed run with our pid
  UniqueFd fd(open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (!fd) return write_error(path, errno);
  if (fchmod(fd.get(), static_cast<mode_t>(mode)) != 0) {
    int err = errno;
    unlink(tmp.c_str());
    return write_error(path, err);
  }
  return StagedFile(path, std::move(tmp), std::move(fd));
}

StagedFile::StagedFile(StagedFile&& other) noexcept
    : path_(std::move(other.path_)),
      tmp_(std::exchange(other.tmp_, {})),
      fd_(std::move(other.fd_)) {}

StagedFile::~StagedFile() {
  if (!tmp_.empty()) unlink(tmp_.c_str());
}

Result<void> StagedFile::write(const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd_.get(), p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return write_error(path_, errno);
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return {};
}

Result<void> StagedFile::commit() {
  if (fsync(fd_.get()) != 0) return write_error(path_, errno);
  fd_.reset();
  if (rename(tmp_.c_str(), path_.c_str()) != 0) return write_error(path_, errno);
  tmp_.clear();
  return {};
}

Result<void> write_file_with_mode(const std::string& path, const std::string& content,
                                  unsigned mode) {
  auto file = StagedFile::create(path, mode);
  if (!file) return std::move(file).error();
  if (auto w = file->write(content.data(), content.size()); !w) return w;
  return file->commit();
}

}  // namespace bpfcompat::transport
