// An exclusive flock(2) on a lock file, held for the owner's lifetime. Processes and threads that
// lock the same path wait for each other; the lock file itself is left in place.
#pragma once

#include <string>

#include "bpfcompat/core/result.h"
#include "bpfcompat/core/unique_fd.h"

namespace bpfcompat::sources {

class FileLock {
 public:
  // Blocks until the lock is held; returns a kCancelled error when cancelled() turns true.
  static Result<FileLock> acquire(const std::string& path);

 private:
  explicit FileLock(UniqueFd fd) : fd_(std::move(fd)) {}
  UniqueFd fd_;  // closing it releases the lock
};

}  // namespace bpfcompat::sources
