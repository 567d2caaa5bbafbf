// The matrices shipped with bpfcompat, found by name: "debian" is <dir>/debian.yaml,
// "cloud/ubuntu" is <dir>/cloud/ubuntu.yaml. Folders named "profiles" hold profile files, not
// matrices. "default" names the built-in default matrix, which has no file.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/core/result.h"

namespace bpfcompat::config {

inline constexpr const char* kDefaultMatrixName = "default";

struct NamedMatrix {
  std::string name;  // "debian", "cloud/ubuntu"
  std::string path;  // absolute
};

// Every matrix file under `dirs`, by name (the first folder that has a name wins), sorted.
std::vector<NamedMatrix> list_named_matrices(const std::vector<std::string>& dirs);

// True when `text` is written as a matrix name rather than a path: it does not end in .yaml or
// .yml and does not start with '/', '.' or '~'.
bool is_matrix_name(const std::string& text);

// The file of a shipped matrix; kInvalidInput naming the shipped matrices (and the closest
// name) when there is none.
Result<std::string> find_named_matrix(const std::string& name,
                                      const std::vector<std::string>& dirs);

}  // namespace bpfcompat::config
