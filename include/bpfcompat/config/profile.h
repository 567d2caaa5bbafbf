// One profile file read on its own (matrices/profiles/<id>.yaml, or the user's), as
// `bpfcompat sweep --profile` names it; a matrix reads the same files through load_matrix.
#pragma once

#include <string>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/result.h"

namespace bpfcompat::config {

// The profile's id is the file's name without .yaml (its `id:` must say the same). Every problem
// of the file comes back as one kInvalidInput error with file:line:col diagnostics.
Result<Profile> load_profile(const std::string& path);

}  // namespace bpfcompat::config
