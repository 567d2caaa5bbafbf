#include "bpfcompat/transport/shell_quote.h"

#include <fmt/format.h>

namespace bpfcompat::transport {

std::string shell_quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += '\'';
  return out;
}

Result<std::string> shell_command(const std::vector<std::string>& argv) {
  if (argv.empty()) return invalid_input("empty remote command");
  std::string out;
  for (const auto& arg : argv) {
    if (arg.find('\0') != std::string::npos) {
      return invalid_input(fmt::format("remote command argument contains a NUL byte"));
    }
    if (!out.empty()) out += ' ';
    out += shell_quote(arg);
  }
  return out;
}

}  // namespace bpfcompat::transport
