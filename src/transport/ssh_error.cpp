#include "ssh_error.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace bpfcompat::transport {

Error coded_error(std::string_view code, const std::string& message, std::string hint) {
  return infrastructure_error(message, std::move(hint)).with_code(std::string(code));
}

Error cancelled_error(const std::string& what) {
  return Error{ErrorKind::kCancelled, fmt::format("{} cancelled", what), {}, {}, {}};
}

std::string last_ssh_error(ssh_session session) {
  const char* raw = ssh_get_error(session);
  std::string text = raw != nullptr && *raw != '\0' ? raw : "unknown ssh error";
  text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

void set_io_timeout(ssh_session session, std::chrono::milliseconds timeout) {
  long ms = std::max<long>(1, static_cast<long>(timeout.count()));
  long sec = ms / 1000;
  long usec = (ms % 1000) * 1000;
  ssh_options_set(session, SSH_OPTIONS_TIMEOUT, &sec);
  ssh_options_set(session, SSH_OPTIONS_TIMEOUT_USEC, &usec);
}

}  // namespace bpfcompat::transport
