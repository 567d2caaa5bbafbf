#include "profile_file.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "bpfcompat/core/file_io.h"
#include "did_you_mean.h"
#include "profile_parser.h"
#include "yaml_reader.h"

namespace bpfcompat::config {
namespace {

constexpr std::size_t kMaxProfileBytes = 1u << 20;

std::string absolute_dir_of(const std::string& path) {
  std::error_code ec;
  auto dir = std::filesystem::absolute(std::filesystem::path(path), ec).parent_path();
  return ec ? std::filesystem::path(path).parent_path().string() : dir.lexically_normal().string();
}

// Keys that belong to the matrix entry naming a profile, not to the profile.
const std::map<std::string, std::string>& entry_only_keys() {
  static const std::map<std::string, std::string> keys = {
      {"required", "'required' belongs on the matrix entry that names this profile"},
      {"timeout", "'timeout' belongs on the matrix entry that names this profile"},
  };
  return keys;
}

}  // namespace

std::string profile_file_path(const std::string& matrix_path, const std::string& id) {
  auto dir = std::filesystem::path(matrix_path).parent_path();
  return (dir / "profiles" / (id + ".yaml")).string();
}

std::string catalog_profile_path(const ProfileCatalog& catalog, const std::string& id) {
  for (const auto& dir : catalog.dirs) {
    std::string path = dir + "/" + id + ".yaml";
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) return path;
  }
  return {};
}

// The ids of the catalog's profile files, sorted.
std::vector<std::string> catalog_ids(const ProfileCatalog& catalog) {
  std::vector<std::string> out;
  for (const auto& dir : catalog.dirs) {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      if (e.path().extension() == ".yaml") out.push_back(e.path().stem().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<Profile> load_profile_file(const std::string& path, const std::string& id,
                                         Diagnostics& diagnostics) {
  std::size_t before = diagnostics.items().size();
  auto text = read_file(path, kMaxProfileBytes);
  if (!text) {
    diagnostics.add(Diagnostic{{}, 0, 0, text.error().message, {}, {}, {}});  // names the path
    return std::nullopt;
  }
  YamlReader r(SourceText::from(path, *text), diagnostics, absolute_dir_of(path));
  auto root = r.parse(*text);
  if (!root) return std::nullopt;
  if (root->IsNull()) {
    r.file_error(fmt::format("empty profile; expected 'id: {}' and its definition", id));
    return std::nullopt;
  }
  if (!root->IsMap()) {
    r.error(*root, "a profile file must be a mapping", fmt::format("start it with 'id: {}'", id));
    return std::nullopt;
  }
  ContextScope scope(r, fmt::format("profile '{}'", id));
  r.check_keys(*root, profile_keys(), entry_only_keys());
  Profile profile;
  profile.id = id;
  profile.origin = fmt::format("{}:{}", path, root->Mark().line + 1);
  auto id_field = find_field(*root, "id");
  if (!id_field) {
    r.error(*root, "missing key 'id'", fmt::format("add 'id: {}'", id));
  } else if (auto written = r.string(*id_field); written && *written != id) {
    r.error(*id_field,
            fmt::format("profile id '{}' does not match its file name '{}.yaml'", *written, id),
            fmt::format("write 'id: {}' or rename the file", id));
  }
  read_profile_definition(r, *root, profile);
  if (diagnostics.items().size() != before) return std::nullopt;
  return profile;
}

Result<Profile> find_profile(const std::string& id, const ProfileCatalog& catalog) {
  if (auto builtin = find_builtin_profile(id)) return std::move(*builtin);
  if (std::string path = catalog_profile_path(catalog, id); !path.empty()) {
    Diagnostics diagnostics;
    auto profile = load_profile_file(path, id, diagnostics);
    if (!profile) return diagnostics.to_error();
    return std::move(*profile);
  }
  std::vector<std::string> ids;
  for (const auto& p : builtin_profiles()) ids.push_back(p.id);
  for (auto& shipped : catalog_ids(catalog)) ids.push_back(std::move(shipped));
  std::string suggestion = did_you_mean(id, ids);
  return invalid_input(fmt::format("unknown profile '{}'", id),
                       fmt::format("{}{}`bpfcompat matrix show vendors` lists the shipped ones; "
                                   "the built-in ones are debian-11, -12, -13 and -unstable",
                                   suggestion, suggestion.empty() ? "" : " "));
}

}  // namespace bpfcompat::config
