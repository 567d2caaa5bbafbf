// The last lines of a possibly huge text file (a guest console), read from its end.
#pragma once

#include <cstddef>
#include <string>

namespace bpfcompat::vm {

// At most max_lines complete or partial lines from the last max_bytes of path; "" when the
// file is missing or empty.
std::string tail_lines(const std::string& path, std::size_t max_lines,
                       std::size_t max_bytes = 256u << 10);

}  // namespace bpfcompat::vm
