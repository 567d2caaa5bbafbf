// A matrix read into a caller's Diagnostics, so that a suite reports the problems of the
// matrices its cases name together with its own.
#pragma once

#include <optional>
#include <string>

#include "bpfcompat/config/matrix.h"
#include "diagnostics.h"

namespace bpfcompat::config {

// Parses the matrix at `path` (in the user's spelling: messages and Matrix::path use it).
// Problems are added to `diagnostics`; nullopt when there are any.
std::optional<Matrix> read_matrix_file(const std::string& path, Diagnostics& diagnostics,
                                       const ProfileCatalog& catalog = {});

}  // namespace bpfcompat::config
