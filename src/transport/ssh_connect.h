// Getting into a guest: connection attempts with backoff until a deadline, the pinned host key
// check right after key exchange, then public-key login.
#pragma once

#include <chrono>
#include <string>

#include "bpfcompat/core/result.h"
#include "bpfcompat/transport/ssh_session.h"
#include "ssh_handles.h"

namespace bpfcompat::transport {

struct ConnectedSession {
  SessionHandle session;  // blocking mode, io timeout applied, authenticated
  std::string host_key_fingerprint;
};

Result<ConnectedSession> connect_and_login(const SshEndpoint& endpoint,
                                           std::chrono::steady_clock::time_point deadline,
                                           const ConnectTiming& timing);

}  // namespace bpfcompat::transport
