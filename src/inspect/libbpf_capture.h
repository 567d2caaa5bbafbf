// Routes libbpf's messages into memory instead of stderr while an instance lives. libbpf's print
// callback is process-global: one capture at a time (a mutex), the previous callback restored;
// libbpf calls made meanwhile by other threads outside inspect would land in it too.
#pragma once

#include <bpf/libbpf.h>

#include <mutex>
#include <string>
#include <vector>

namespace bpfcompat::inspect {

class LibbpfCapture {
 public:
  LibbpfCapture();
  ~LibbpfCapture();
  LibbpfCapture(const LibbpfCapture&) = delete;
  LibbpfCapture& operator=(const LibbpfCapture&) = delete;

  // Warnings and infos so far (debug messages are dropped), without "libbpf: " and the newline.
  const std::vector<std::string>& messages() const { return messages_; }
  // The last warning, "" when there was none.
  const std::string& last_warning() const { return last_warning_; }
  void clear();

 private:
  static int print(enum libbpf_print_level level, const char* format, va_list args);

  std::unique_lock<std::mutex> lock_;
  libbpf_print_fn_t previous_ = nullptr;
  std::vector<std::string> messages_;
  std::string last_warning_;
};

}  // namespace bpfcompat::inspect
