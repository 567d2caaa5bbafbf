// Logging set-up: spdlog to stderr; stdout stays for requested output and the summary.
#pragma once

#include <string>

#include "bpfcompat/core/result.h"

namespace bpfcompat::cli {

// verbosity: -1 (-q) errors only, 0 warnings, 1 (-v) info, 2+ (-vv) debug.
void setup_logging(int verbosity);
// Prints an error (and its hint) to stderr in the one format users see; returns its exit code.
int report_error(const Error& error);

}  // namespace bpfcompat::cli
