// Host TCP ports for guest forwards: a free 127.0.0.1 port, and who listens on a port.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/core/result.h"

namespace bpfcompat::vm {

// A port the kernel considers free on 127.0.0.1 right now (bind to port 0, read it, close).
// Another process may take it before QEMU does: callers retry on "address in use".
Result<int> pick_free_local_port();

// The IPv4 addresses ("127.0.0.1", "0.0.0.0") with a listening TCP socket on `port`, from
// /proc/net/tcp (and "::" for any IPv6 listener).
std::vector<std::string> tcp_listen_addresses(int port);

// Parses the text of /proc/net/tcp for listeners on `port`. Pure.
std::vector<std::string> parse_tcp_listeners(const std::string& proc_net_tcp, int port);

}  // namespace bpfcompat::vm
