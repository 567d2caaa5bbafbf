#include "libbpf_capture.h"

#include <cstdarg>
#include <cstdio>
#include <string_view>

namespace bpfcompat::inspect {
namespace {

std::mutex g_mutex;
LibbpfCapture* g_active = nullptr;  // guarded by g_mutex (held by the active capture)

// "libbpf: text\n" -> "text"
std::string tidy(std::string_view line) {
  constexpr std::string_view kPrefix = "libbpf: ";
  if (line.substr(0, kPrefix.size()) == kPrefix) line.remove_prefix(kPrefix.size());
  while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) line.remove_suffix(1);
  return std::string(line);
}

}  // namespace

LibbpfCapture::LibbpfCapture() : lock_(g_mutex) {
  g_active = this;
  previous_ = libbpf_set_print(&LibbpfCapture::print);
}

LibbpfCapture::~LibbpfCapture() {
  libbpf_set_print(previous_);
  g_active = nullptr;
}

void LibbpfCapture::clear() {
  messages_.clear();
  last_warning_.clear();
}

int LibbpfCapture::print(enum libbpf_print_level level, const char* format, va_list args) {
  if (level == LIBBPF_DEBUG || g_active == nullptr) return 0;
  va_list copy;
  va_copy(copy, args);
  int n = std::vsnprintf(nullptr, 0, format, copy);
  va_end(copy);
  if (n <= 0) return 0;
  std::vector<char> buffer(static_cast<std::size_t>(n) + 1);
  std::vsnprintf(buffer.data(), buffer.size(), format, args);
  std::string text = tidy(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
  if (level == LIBBPF_WARN) g_active->last_warning_ = text;
  g_active->messages_.push_back(std::move(text));
  return n;
}

}  // namespace bpfcompat::inspect
