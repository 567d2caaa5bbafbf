// write_rendered: every replaced output to a temp file first, then all renamed into place, then
// the job summary appended, so a failed write changes no output.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "bpfcompat/core/unique_fd.h"
#include "bpfcompat/report/render.h"

namespace bpfcompat::report {
namespace {

Error write_error(const std::string& path, int err) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  return infrastructure_error(
      fmt::format("cannot write {}: {}", path, std::strerror(err)),
      fmt::format("check the free space and permissions of {}", dir.empty() ? "." : dir));
}

// 0, or the errno of the failed write.
int write_all(int fd, const std::string& bytes) {
  std::size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    off += static_cast<std::size_t>(n);
  }
  return 0;
}

Result<void> write_temp(const std::string& tmp, const RenderedFile& f) {
  std::error_code ec;
  auto parent = std::filesystem::path(f.path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd) return write_error(f.path, errno);
  int err = write_all(fd.get(), f.bytes);
  if (err == 0 && ::fsync(fd.get()) != 0) err = errno;
  if (err == 0 && ::close(fd.release()) != 0) err = errno;
  if (err == 0) return {};
  ::unlink(tmp.c_str());
  return write_error(f.path, err);
}

Result<void> append(const RenderedFile& f) {
  UniqueFd fd(::open(f.path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644));
  if (!fd) return write_error(f.path, errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return write_error(f.path, errno);
  int err = write_all(fd.get(), f.bytes);
  if (err == 0) return {};
  if (::ftruncate(fd.get(), st.st_size) != 0) {  // keep what was there, without half of ours
    return write_error(f.path, err).with_context("appending (and cutting back failed)");
  }
  return write_error(f.path, err);
}

void remove_all(const std::vector<std::string>& temps, std::size_t from) {
  for (std::size_t i = from; i < temps.size(); ++i) {
    if (!temps[i].empty()) ::unlink(temps[i].c_str());
  }
}

}  // namespace

Result<void> write_rendered(const std::vector<RenderedFile>& files) {
  std::vector<std::string> temps(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (files[i].kind == OutputKind::kJobSummary) continue;
    temps[i] = fmt::format("{}.tmp.{}.{}", files[i].path, ::getpid(), i);
    if (auto w = write_temp(temps[i], files[i]); !w) {
      temps[i].clear();
      remove_all(temps, 0);
      return w;
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (temps[i].empty()) continue;
    if (::rename(temps[i].c_str(), files[i].path.c_str()) != 0) {
      int err = errno;
      remove_all(temps, i);
      return write_error(files[i].path, err);
    }
  }
  for (const auto& f : files) {
    if (f.kind != OutputKind::kJobSummary) continue;
    if (auto a = append(f); !a) return a;
  }
  return {};
}

}  // namespace bpfcompat::report
