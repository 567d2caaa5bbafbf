#include "bpfcompat/config/matrix_catalog.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "did_you_mean.h"

namespace bpfcompat::config {
namespace {

namespace fs = std::filesystem;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// name → path of the *.yaml files under `dir`, skipping profile folders.
void collect(const fs::path& dir, std::map<std::string, std::string>& out) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (it->is_directory(ec) && p.filename() == "profiles") {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec) || p.extension() != ".yaml") continue;
    std::string name = p.lexically_relative(dir).replace_extension().generic_string();
    out.emplace(name, fs::absolute(p).lexically_normal().string());
  }
}

}  // namespace

std::vector<NamedMatrix> list_named_matrices(const std::vector<std::string>& dirs) {
  std::map<std::string, std::string> found;
  for (const auto& d : dirs) collect(d, found);
  std::vector<NamedMatrix> out;
  for (auto& [name, path] : found) out.push_back({name, path});
  return out;
}

bool is_matrix_name(const std::string& text) {
  if (text.empty() || ends_with(text, ".yaml") || ends_with(text, ".yml")) return false;
  return text.front() != '/' && text.front() != '.' && text.front() != '~';
}

Result<std::string> find_named_matrix(const std::string& name,
                                      const std::vector<std::string>& dirs) {
  std::vector<std::string> names = {kDefaultMatrixName};
  for (const auto& m : list_named_matrices(dirs)) {
    if (m.name == name) return m.path;
    names.push_back(m.name);
  }
  std::string hint = did_you_mean(name, names);
  return invalid_input(
      fmt::format("no matrix file '{}' and no shipped matrix of that name", name),
      fmt::format("{}shipped matrices: {} (`bpfcompat matrix list`); or give a matrix file's path",
                  hint.empty() ? "" : hint + " ", fmt::join(names, ", ")));
}

}  // namespace bpfcompat::config
