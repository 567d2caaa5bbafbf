// Test support: small text helpers the unit tests share.
#pragma once

#include <cstddef>
#include <fstream>
#include <string>

namespace bpfcompat::testing {

// How often `needle` occurs in `text` (overlapping occurrences count).
inline std::size_t count_occurrences(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// A plain write for scratch files (no fsync per table row, unlike write_file_atomic).
inline void write_scratch(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace bpfcompat::testing
