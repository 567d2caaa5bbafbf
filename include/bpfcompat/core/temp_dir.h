// A directory removed with everything in it when its owner goes away (unless released).
#pragma once

#include <string>

#include "bpfcompat/core/result.h"

namespace bpfcompat {

class TempDir {
 public:
  // Creates a fresh directory under `parent` (default: $TMPDIR or /tmp) named prefix.XXXXXX.
  static Result<TempDir> create(const std::string& prefix, const std::string& parent = {});
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&& other) noexcept;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::string& path() const { return path_; }
  // Keep the directory on destruction (--keep); returns its path.
  std::string release();

 private:
  explicit TempDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

}  // namespace bpfcompat
