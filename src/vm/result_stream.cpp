#include "result_stream.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>

namespace bpfcompat::vm {

bool is_end_record(std::string_view line) {
  // The validator writes compact JSON; tolerate a space after the colon all the same.
  return line.find(R"("type":"end")") != std::string_view::npos ||
         line.find(R"("type": "end")") != std::string_view::npos;
}

bool ResultStream::poll() {
  if (!fd_) fd_.reset(open(path_.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd_) return end_seen_;
  std::array<char, 1 << 16> buf{};
  while (true) {
    ssize_t n = read(fd_.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text_.append(buf.data(), static_cast<std::size_t>(n));
  }
  scan_new_lines();
  return end_seen_;
}

void ResultStream::scan_new_lines() {
  while (!end_seen_) {
    auto newline = text_.find('\n', scanned_);
    if (newline == std::string::npos) return;
    std::string_view line(text_.data() + scanned_, newline - scanned_);
    end_seen_ = is_end_record(line);
    scanned_ = newline + 1;
  }
}

}  // namespace bpfcompat::vm
