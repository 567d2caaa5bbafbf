// Follows the validator's result file (JSON lines on the guest's second UART) as QEMU appends
// to it: reads only new bytes on each poll and notices the end record.
#pragma once

#include <string>
#include <string_view>

#include "bpfcompat/core/unique_fd.h"

namespace bpfcompat::vm {

// True for a complete line holding the end record ({"type":"end",...}).
bool is_end_record(std::string_view line);

class ResultStream {
 public:
  explicit ResultStream(std::string path) : path_(std::move(path)) {}

  // Reads whatever was appended since the last call (the file may not exist yet). Returns true
  // once a complete end-record line has been seen.
  bool poll();
  bool end_seen() const { return end_seen_; }
  const std::string& text() const { return text_; }
  std::string take_text() { return std::move(text_); }

 private:
  void scan_new_lines();

  std::string path_;
  UniqueFd fd_;
  std::string text_;
  std::size_t scanned_ = 0;  // text_[0, scanned_) holds complete lines already checked
  bool end_seen_ = false;
};

}  // namespace bpfcompat::vm
