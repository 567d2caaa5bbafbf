#include "archive_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "bpfcompat/core/unique_fd.h"

namespace bpfcompat::sources {
namespace {

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

Error archive_error(archive* a, const std::string& what) {
  const char* msg = archive_error_string(a);
  return infrastructure_error(fmt::format("cannot read {}: {}", what, msg ? msg : "unknown error"));
}

Result<void> write_all(int fd, const void* data, std::size_t size, const std::string& path) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      return infrastructure_error(fmt::format("cannot write {}: {}", path, strerror(errno)));
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return {};
}

bool is_safe_relative(const std::string& path) {
  if (path.empty() || path.front() == '/') return false;
  for (const auto& part : std::filesystem::path(path)) {
    if (part == "..") return false;
  }
  return true;
}

// Streams the current entry of the outer ar archive into the inner tar reader.
struct InnerSource {
  archive* outer;
  char buf[1 << 16];
};

la_ssize_t read_inner(archive*, void* client, const void** out) {
  auto* src = static_cast<InnerSource*>(client);
  *out = src->buf;
  return archive_read_data(src->outer, src->buf, sizeof src->buf);
}

Result<void> write_entry(archive* tar, const std::string& dest, mode_t mode) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(dest).parent_path(), ec);
  UniqueFd fd(open(dest.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, (mode & 0755) | 0600));
  if (!fd) return infrastructure_error(fmt::format("cannot write {}: {}", dest, strerror(errno)));
  char buf[1 << 16];
  while (true) {
    la_ssize_t n = archive_read_data(tar, buf, sizeof buf);
    if (n < 0) return archive_error(tar, dest);
    if (n == 0) return {};
    if (auto w = write_all(fd.get(), buf, static_cast<std::size_t>(n), dest); !w) return w;
  }
}

// Writes the regular files of an open archive that the filter accepts under dest_dir.
Result<void> extract_entries(archive* a, const std::string& what, const std::string& dest_dir,
                             const DebPathFilter& filter) {
  archive_entry* entry = nullptr;
  int rc = 0;
  while ((rc = archive_read_next_header(a, &entry)) == ARCHIVE_OK) {
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    std::string name = archive_entry_pathname(entry);
    while (name.rfind("./", 0) == 0) name.erase(0, 2);
    while (name.rfind('/', 0) == 0) name.erase(0, 1);
    auto target = filter(name);
    if (!target) continue;
    if (!is_safe_relative(*target)) {
      return infrastructure_error(fmt::format("unsafe path {} in {}", name, what));
    }
    auto w = write_entry(a, dest_dir + "/" + *target, archive_entry_perm(entry));
    if (!w) return w;
  }
  if (rc != ARCHIVE_EOF) return archive_error(a, what);
  return {};
}

Result<void> extract_data_tar(archive* outer, const std::string& deb_path,
                              const std::string& dest_dir, const DebPathFilter& filter) {
  auto src = std::make_unique<InnerSource>();
  src->outer = outer;
  ArchivePtr tar(archive_read_new());
  archive_read_support_filter_all(tar.get());
  archive_read_support_format_tar(tar.get());
  if (archive_read_open(tar.get(), src.get(), nullptr, read_inner, nullptr) != ARCHIVE_OK) {
    return archive_error(tar.get(), deb_path);
  }
  return extract_entries(tar.get(), deb_path, dest_dir, filter);
}

}  // namespace

Result<std::string> decompress_file(const std::string& path, std::uint64_t max_bytes) {
  ArchivePtr a(archive_read_new());
  archive_read_support_filter_all(a.get());
  archive_read_support_format_raw(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
    return archive_error(a.get(), path);
  }
  archive_entry* entry = nullptr;
  if (archive_read_next_header(a.get(), &entry) != ARCHIVE_OK) return archive_error(a.get(), path);
  std::string out;
  char buf[1 << 16];
  while (true) {
    la_ssize_t n = archive_read_data(a.get(), buf, sizeof buf);
    if (n < 0) return archive_error(a.get(), path);
    if (n == 0) break;
    if (out.size() + static_cast<std::uint64_t>(n) > max_bytes) {
      return infrastructure_error(
          fmt::format("{} decompresses to more than {} bytes", path, max_bytes));
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

Result<void> extract_deb(const std::string& deb_path, const std::string& dest_dir,
                         const DebPathFilter& filter) {
  ArchivePtr ar(archive_read_new());
  archive_read_support_format_ar(ar.get());
  if (archive_read_open_filename(ar.get(), deb_path.c_str(), 1 << 16) != ARCHIVE_OK) {
    return archive_error(ar.get(), deb_path);
  }
  archive_entry* entry = nullptr;
  int rc = 0;
  while ((rc = archive_read_next_header(ar.get(), &entry)) == ARCHIVE_OK) {
    std::string name = archive_entry_pathname(entry);
    if (name.rfind("data.tar", 0) == 0)
      return extract_data_tar(ar.get(), deb_path, dest_dir, filter);
  }
  if (rc != ARCHIVE_EOF) return archive_error(ar.get(), deb_path);
  return infrastructure_error(fmt::format("{} is not a .deb: it has no data.tar member", deb_path));
}

Result<void> extract_rpm(const std::string& rpm_path, const std::string& dest_dir,
                         const DebPathFilter& filter) {
  // libarchive's rpm filter skips the lead, signature and header; the payload is a compressed
  // cpio archive.
  ArchivePtr a(archive_read_new());
  archive_read_support_filter_all(a.get());
  archive_read_support_format_cpio(a.get());
  if (archive_read_open_filename(a.get(), rpm_path.c_str(), 1 << 16) != ARCHIVE_OK) {
    return archive_error(a.get(), rpm_path);
  }
  return extract_entries(a.get(), rpm_path, dest_dir, filter);
}

}  // namespace bpfcompat::sources
