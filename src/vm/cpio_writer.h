// Streams an uncompressed newc cpio archive to a file through libarchive. Every entry is owned
// by root with mtime 0, so equal inputs give byte-identical archives.
#pragma once

#include <string>

#include "bpfcompat/core/result.h"

struct archive;

namespace bpfcompat::vm {

class CpioWriter {
 public:
  static Result<CpioWriter> open(const std::string& path);
  CpioWriter(CpioWriter&& other) noexcept;
  CpioWriter& operator=(CpioWriter&&) = delete;
  CpioWriter(const CpioWriter&) = delete;
  CpioWriter& operator=(const CpioWriter&) = delete;
  ~CpioWriter();

  // `name` is the path inside the archive without a leading slash ("etc/bpfcompat/args").
  Result<void> add_directory(const std::string& name, unsigned mode);
  Result<void> add_char_device(const std::string& name, unsigned mode, unsigned major,
                               unsigned minor);
  Result<void> add_bytes(const std::string& name, unsigned mode, const std::string& content);
  // Copies host_path in; errors name host_path.
  Result<void> add_file(const std::string& name, unsigned mode, const std::string& host_path);
  // Writes the trailer and closes the file; the archive is complete only after this.
  Result<void> finish();

 private:
  CpioWriter(struct archive* a, std::string path) : a_(a), path_(std::move(path)) {}
  Result<void> write_header(const std::string& name, unsigned type_and_mode, long long size,
                            unsigned long rdev = 0);
  Error archive_error(const std::string& what) const;

  struct archive* a_ = nullptr;
  std::string path_;
  long long next_ino_ = 1;
};

}  // namespace bpfcompat::vm
