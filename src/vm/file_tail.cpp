#include "file_tail.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bpfcompat/core/unique_fd.h"

namespace bpfcompat::vm {
namespace {

std::string read_last_bytes(const std::string& path, std::size_t max_bytes) {
  UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat st {};
  if (!fd || fstat(fd.get(), &st) != 0 || st.st_size <= 0) return {};
  auto size = static_cast<std::size_t>(st.st_size);
  std::size_t want = size < max_bytes ? size : max_bytes;
  std::string out(want, '\0');
  ssize_t n = pread(fd.get(), out.data(), want, static_cast<off_t>(size - want));
  out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return out;
}

}  // namespace

std::string tail_lines(const std::string& path, std::size_t max_lines, std::size_t max_bytes) {
  std::string text = read_last_bytes(path, max_bytes);
  if (max_lines == 0 || text.empty()) return {};
  // Count newlines from the end, ignoring the one that terminates the last line.
  std::size_t pos = text.size() - (text.back() == '\n' ? 1 : 0);
  std::size_t lines = 0;
  while (pos > 0) {
    auto nl = text.rfind('\n', pos - 1);
    if (nl == std::string::npos) break;
    if (++lines == max_lines) return text.substr(nl + 1);
    pos = nl;
  }
  return text;
}

}  // namespace bpfcompat::vm
