#include "bpfcompat/vm/tcp_port.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "bpfcompat/core/unique_fd.h"

namespace bpfcompat::vm {
namespace {

constexpr const char* kListenState = "0A";

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

Result<int> pick_free_local_port() {
  UniqueFd fd(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) return infrastructure_error(fmt::format("socket: {}", strerror(errno)));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd.get(), reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return infrastructure_error(fmt::format("no free port on 127.0.0.1: {}", strerror(errno)));
  }
  return static_cast<int>(ntohs(addr.sin_port));
}

std::vector<std::string> parse_tcp_listeners(const std::string& text, int port) {
  std::vector<std::string> out;
  std::istringstream lines(text);
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state;
    if (!(fields >> slot >> local >> remote >> state) || state != kListenState) continue;
    auto colon = local.find(':');
    if (colon == std::string::npos || colon != 8) continue;  // IPv4 only: 8 hex digits
    unsigned long p = std::stoul(local.substr(colon + 1), nullptr, 16);
    if (static_cast<int>(p) != port) continue;
    // /proc/net/tcp prints the address as a host-order (little-endian here) 32-bit word.
    in_addr addr{};
    addr.s_addr = static_cast<in_addr_t>(std::stoul(local.substr(0, colon), nullptr, 16));
    char buf[INET_ADDRSTRLEN] = {};
    inet_ntop(AF_INET, &addr, buf, sizeof buf);
    out.emplace_back(buf);
  }
  return out;
}

std::vector<std::string> tcp_listen_addresses(int port) {
  auto out = parse_tcp_listeners(read_all("/proc/net/tcp"), port);
  // Any IPv6 listener on the port counts as "::" (we never bind IPv6).
  std::string v6 = read_all("/proc/net/tcp6");
  std::istringstream lines(v6);
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state;
    if (!(fields >> slot >> local >> remote >> state) || state != kListenState) continue;
    auto colon = local.rfind(':');
    if (colon == std::string::npos) continue;
    if (static_cast<int>(std::stoul(local.substr(colon + 1), nullptr, 16)) == port) {
      out.emplace_back("::");
    }
  }
  return out;
}

}  // namespace bpfcompat::vm
