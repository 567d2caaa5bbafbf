// A local file written under a temporary name with a chosen mode and renamed into place on
// commit(): readers never see a half file, and an abandoned one is removed.
#pragma once

#include <cstddef>
#include <string>

#include "bpfcompat/core/result.h"
#include "bpfcompat/core/unique_fd.h"

namespace bpfcompat::transport {

class StagedFile {
 public:
  // Creates path.tmp.<pid> with exactly `mode` (umask does not apply); creates no directories.
  static Result<StagedFile> create(const std::string& path, unsigned mode);
  StagedFile(StagedFile&& other) noexcept;
  StagedFile& operator=(StagedFile&&) = delete;
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;
  ~StagedFile();

  Result<void> write(const void* data, std::size_t size);
  // fsync + rename over path.
  Result<void> commit();

 private:
  StagedFile(std::string path, std::string tmp, UniqueFd fd)
      : path_(std::move(path)), tmp_(std::move(tmp)), fd_(std::move(fd)) {}
  std::string path_;
  std::string tmp_;
  UniqueFd fd_;
};

// Convenience: one StagedFile written with `content` and committed.
Result<void> write_file_with_mode(const std::string& path, const std::string& content,
                                  unsigned mode);

}  // namespace bpfcompat::transport
