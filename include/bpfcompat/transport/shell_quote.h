// Quoting an argv for the remote POSIX shell that sshd runs the command through. Pure.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/core/result.h"

namespace bpfcompat::transport {

// 'arg' with each ' written as '\'' : the shell sees exactly arg, nothing expanded.
std::string shell_quote(const std::string& arg);

// Every argument quoted and joined by spaces; invalid_input for an empty argv or a NUL byte.
Result<std::string> shell_command(const std::vector<std::string>& argv);

}  // namespace bpfcompat::transport
