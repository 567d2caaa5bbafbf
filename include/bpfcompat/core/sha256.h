// SHA-256 of bytes and files, as lowercase hex.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "bpfcompat/core/result.h"

namespace bpfcompat {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(const void* data, std::size_t size);
  std::string hex_digest();  // finishes the hash

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::string sha256_hex(std::string_view data);
Result<std::string> sha256_file(const std::string& path);

}  // namespace bpfcompat
