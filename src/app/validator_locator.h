// Finds the static validator binary that goes into every guest.
#pragma once

#include <string>

#include "bpfcompat/core/result.h"

namespace bpfcompat::app {

// Order: explicit path, $BPFCOMPAT_VALIDATOR, <exe dir>/validator/bpfcompat-validator (build
// tree), <exe dir>/../libexec/bpfcompat/bpfcompat-validator (install). The binary must be
// statically linked (no PT_INTERP): the guest has no libraries.
Result<std::string> locate_validator(const std::string& explicit_path, const std::string& exe_path);

// The running binary (/proc/self/exe), else argv[0].
std::string executable_path(const std::string& exe_path);

}  // namespace bpfcompat::app
