#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "bpfcompat/app/matrices.h"
#include "bpfcompat/config/matrix_catalog.h"
#include "validator_locator.h"

namespace bpfcompat::app {
namespace {

namespace fs = std::filesystem;

void add_if_dir(std::vector<std::string>& out, const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  std::string normal = fs::absolute(dir, ec).lexically_normal().string();
  for (const auto& d : out) {
    if (d == normal) return;
  }
  out.push_back(normal);
}

}  // namespace

std::vector<std::string> shipped_matrix_dirs(const std::string& exe_path) {
  std::vector<std::string> out;
  if (const char* env = std::getenv("BPFCOMPAT_MATRICES"); env && *env) {
    std::istringstream parts(env);
    for (std::string dir; std::getline(parts, dir, ':');) {
      if (!dir.empty()) add_if_dir(out, dir);
    }
  }
  fs::path exe_dir = fs::path(executable_path(exe_path)).parent_path();
  add_if_dir(out, exe_dir / ".." / "share" / "bpfcompat" / "matrices");
  add_if_dir(out, BPFCOMPAT_SOURCE_MATRICES);
  return out;
}

config::ProfileCatalog shipped_profile_catalog(const std::string& exe_path) {
  config::ProfileCatalog catalog;
  for (const auto& dir : shipped_matrix_dirs(exe_path))
    add_if_dir(catalog.dirs, fs::path(dir) / "profiles");
  return catalog;
}

Result<std::optional<std::string>> resolve_matrix_argument(const std::string& value,
                                                           const std::string& exe_path) {
  std::error_code ec;
  if (fs::is_regular_file(value, ec)) return std::optional<std::string>(value);
  if (value == config::kDefaultMatrixName) return std::optional<std::string>();
  if (!config::is_matrix_name(value)) return std::optional<std::string>(value);
  auto found = config::find_named_matrix(value, shipped_matrix_dirs(exe_path));
  if (!found) return std::move(found).error();
  return std::optional<std::string>(*found);
}

}  // namespace bpfcompat::app
