#include "bzimage.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "bpfcompat/core/unique_fd.h"

namespace bpfcompat::sources {

Result<std::string> bzimage_release(std::string_view header, const std::string& what) {
  constexpr std::size_t kMagicOffset = 0x202;
  constexpr std::size_t kVersionField = 0x20E;
  if (header.size() < kVersionField + 2 || header.substr(kMagicOffset, 4) != "HdrS") {
    return invalid_input(fmt::format("{} is not a bzImage (no HdrS setup header)", what));
  }
  auto lo = static_cast<unsigned char>(header[kVersionField]);
  auto hi = static_cast<unsigned char>(header[kVersionField + 1]);
  std::size_t pointer = static_cast<std::size_t>(lo | (hi << 8));
  std::size_t at = 0x200 + pointer;
  if (pointer == 0 || at >= header.size()) {
    return invalid_input(fmt::format("{} has no kernel version string in its setup header", what));
  }
  std::string_view text = header.substr(at);
  text = text.substr(0, text.find('\0'));
  std::string_view release = text.substr(0, text.find(' '));
  if (release.empty()) {
    return invalid_input(fmt::format("{} has an empty kernel version string", what));
  }
  return std::string(release);
}

Result<std::string> bzimage_release_of_file(const std::string& path) {
  UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return invalid_input(fmt::format("cannot read {}: {}", path, strerror(errno)));
  std::string buf(64 * 1024, '\0');
  std::size_t got = 0;
  while (got < buf.size()) {
    ssize_t n = read(fd.get(), buf.data() + got, buf.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return invalid_input(fmt::format("cannot read {}: {}", path, strerror(errno)));
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  buf.resize(got);
  return bzimage_release(buf, path);
}

}  // namespace bpfcompat::sources
