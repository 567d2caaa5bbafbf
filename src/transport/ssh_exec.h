// Remote commands on an established session: one channel per command, output streamed to files,
// the exit status awaited before the channel closes (or the command is lost).
#pragma once

#include <chrono>
#include <string>

#include "bpfcompat/core/result.h"
#include "bpfcompat/transport/ssh_session.h"
#include "ssh_handles.h"

namespace bpfcompat::transport {

inline constexpr std::size_t kMaxExecOutputBytes = 64u << 20;

// `command` is already shell-quoted. Restores `io_timeout` on the session before returning.
Result<ExecResult> run_remote(ssh_session session, const std::string& command,
                              const std::string& stdout_path, const std::string& stderr_path,
                              std::chrono::milliseconds timeout,
                              std::chrono::milliseconds io_timeout);

// Starts `command` and closes the channel without waiting for it; errors are ignored.
void start_detached(ssh_session session, const std::string& command);

}  // namespace bpfcompat::transport
