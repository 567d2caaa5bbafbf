// Checks that a user's artifact is a complete eBPF ELF object before anything boots.
#pragma once

#include <string>

#include "bpfcompat/core/result.h"

namespace bpfcompat::inspect {

struct ArtifactFile {
  std::string name;    // file name
  std::string path;    // absolute, normalised
  std::string sha256;  // of the content
};

// A kInvalidInput error naming the file and the fix when it is missing, not ELF, not BPF, or
// truncated.
Result<ArtifactFile> check_artifact(const std::string& path);

}  // namespace bpfcompat::inspect
