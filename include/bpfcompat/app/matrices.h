// The shipped matrices: where they are, and a `--matrix` value (a path or a shipped name) → a
// matrix file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/result.h"

namespace bpfcompat::app {

// The folders holding shipped matrices, existing ones only, in this order: $BPFCOMPAT_MATRICES
// (':'-separated), <exe dir>/../share/bpfcompat/matrices (an installation), the source tree's
// matrices/ (a build tree's binary).
std::vector<std::string> shipped_matrix_dirs(const std::string& exe_path);

// The shipped profile catalog: the profiles/ folder of each shipped matrix folder, for matrices
// and suites that name a vendor profile by id (`- id: rocky-9.4`).
config::ProfileCatalog shipped_profile_catalog(const std::string& exe_path);

// A `--matrix` value: an existing file is itself; "default" is the built-in matrix (nullopt);
// a name ("debian", "cloud/ubuntu") is the shipped file; anything else stays a path for the
// matrix loader to report. An unknown name is kInvalidInput listing the shipped ones.
Result<std::optional<std::string>> resolve_matrix_argument(const std::string& value,
                                                           const std::string& exe_path);

}  // namespace bpfcompat::app
