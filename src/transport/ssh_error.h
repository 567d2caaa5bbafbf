// Transport errors: a lowercase message naming the guest, with a code from ssh_session.h.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "bpfcompat/core/result.h"
#include "ssh_handles.h"

namespace bpfcompat::transport {

// kInfrastructure error with Error::code `code`.
Error coded_error(std::string_view code, const std::string& message, std::string hint = {});
Error cancelled_error(const std::string& what);
// libssh's last error text for the session, lowercase first letter, or "unknown ssh error".
std::string last_ssh_error(ssh_session session);
// Bounds every later blocking libssh call on the session (at least 1 ms).
void set_io_timeout(ssh_session session, std::chrono::milliseconds timeout);

}  // namespace bpfcompat::transport
