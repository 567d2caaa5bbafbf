// Checks that a user's artifact is a complete eBPF ELF object before anything boots.
#pragma once

#include <string>

#include "bpfcompat/core/result.h"
#include "bpfcompat/report/report.h"

namespace bpfcompat::app {

// Returns name (file name), absolute path and sha256; a kInvalidInput error naming the file and
// the fix when it is missing, not ELF, not BPF, or truncated.
Result<report::ArtifactInfo> check_artifact(const std::string& path);

}  // namespace bpfcompat::app
