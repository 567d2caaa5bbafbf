// load_matrix(): a matrix file → Matrix, every problem of the file reported in one pass.
#include <algorithm>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/file_io.h"
#include "did_you_mean.h"
#include "matrix_reader.h"
#include "profile_file.h"
#include "profile_parser.h"
#include "yaml_reader.h"

namespace bpfcompat::config {
namespace {

constexpr std::size_t kMaxMatrixBytes = 4u << 20;

const std::vector<std::string>& entry_keys() {
  static const std::vector<std::string> keys = [] {
    auto k = profile_keys();
    k.insert(k.begin() + 1, {"required", "timeout"});
    return k;
  }();
  return keys;
}

std::vector<std::string> builtin_ids() {
  std::vector<std::string> ids;
  for (const auto& p : builtin_profiles()) ids.push_back(p.id);
  return ids;
}

class MatrixParser {
 public:
  MatrixParser(YamlReader& reader, Matrix& matrix, const ProfileCatalog& catalog)
      : r_(reader), matrix_(matrix), catalog_(catalog) {}

  void read(const YAML::Node& root);

 private:
  void read_entry(const YAML::Node& node, std::size_t index);
  std::optional<std::string> read_id(const YAML::Node& node);
  void read_entry_options(const YAML::Node& node, MatrixEntry& entry);
  std::optional<Profile> resolve(const std::string& id, const YAML::Node& at);

  YamlReader& r_;
  Matrix& matrix_;
  const ProfileCatalog& catalog_;
  std::map<std::string, int> first_use_;  // id → line of its first entry
};

void MatrixParser::read(const YAML::Node& root) {
  if (root.IsNull()) {
    r_.file_error("empty matrix; expected 'profiles:' with at least one entry");
    return;
  }
  if (!root.IsMap()) {
    r_.error(root, "a matrix must be a mapping", "start it with 'profiles:' and a list of entries");
    return;
  }
  r_.check_keys(root, {"name", "profiles"});
  if (auto f = find_field(root, "name")) matrix_.name = r_.non_empty_string(*f).value_or("");
  auto profiles = find_field(root, "profiles");
  if (!profiles) {
    r_.error(root, "missing key 'profiles'", "add 'profiles:' with at least one entry");
  } else if (profiles->value.IsNull() ||
             (profiles->value.IsSequence() && profiles->value.size() == 0)) {
    r_.error(*profiles, "'profiles' is empty", "list at least one profile, e.g. '- id: debian-12'");
  } else if (!profiles->value.IsSequence()) {
    r_.error(*profiles, "'profiles' must be a list of entries",
             "write each entry on its own line, starting with '- id:'");
  } else {
    std::size_t index = 0;
    for (const auto& entry : profiles->value) read_entry(entry, index++);
  }
}

std::optional<std::string> MatrixParser::read_id(const YAML::Node& node) {
  // The shorthand entry '- debian-12' is its own id.
  auto found =
      node.IsMap() ? find_field(node, "id") : std::optional<Field>(Field{node, node, "id"});
  if (!found) {
    r_.error(node, "profile entry has no 'id'", "add 'id:' naming or defining a profile");
    return std::nullopt;
  }
  const Field& id_field = *found;
  auto id = r_.non_empty_string(id_field);
  if (!id) return std::nullopt;
  if (!is_valid_profile_id(*id)) {
    r_.error(id_field, fmt::format("invalid profile id '{}'", *id), kProfileIdRule);
    return std::nullopt;
  }
  int line = id_field.value.Mark().line + 1;
  auto [it, fresh] = first_use_.emplace(*id, line);
  if (!fresh) {
    r_.error(id_field, fmt::format("duplicate profile id '{}'", *id),
             fmt::format("it is first used on line {}", it->second));
  }
  return id;
}

void MatrixParser::read_entry_options(const YAML::Node& node, MatrixEntry& entry) {
  if (auto f = find_field(node, "required")) entry.required = r_.boolean(*f).value_or(true);
  if (auto f = find_field(node, "timeout")) {
    if (auto text = r_.non_empty_string(*f)) {
      auto duration = parse_duration(*text);
      if (duration) {
        entry.timeout = *duration;
      } else {
        r_.error(*f, duration.error().message);
      }
    }
  }
}

void MatrixParser::read_entry(const YAML::Node& node, std::size_t index) {
  if (!node.IsMap() && !node.IsScalar()) {
    r_.error(node,
             fmt::format("profile entry #{} {}", index + 1,
                         node.IsNull() ? "is empty" : "must be a mapping with 'id'"),
             "write '- id: debian-12'");
    return;
  }
  if (node.IsMap()) r_.check_keys(node, entry_keys());
  auto id = read_id(node);
  ContextScope scope(r_,
                     id ? fmt::format("profile '{}'", *id) : fmt::format("profile #{}", index + 1));
  MatrixEntry entry;
  read_entry_options(node, entry);
  if (is_profile_definition(node)) {
    entry.profile.id = id.value_or("");
    entry.profile.origin = fmt::format("{}:{}", r_.source().path, node.Mark().line + 1);
    read_profile_definition(r_, node, entry.profile);
  } else if (id) {
    auto profile = resolve(*id, node.IsMap() ? find_field(node, "id")->value : node);
    if (!profile) return;
    entry.profile = std::move(*profile);
    if (node.IsMap()) read_profile_tunables(r_, node, entry.profile);
  }
  matrix_.entries.push_back(std::move(entry));
}

// A profile named by id: profiles/<id>.yaml beside the matrix, else a built-in one, else one of
// the catalog's.
std::optional<Profile> MatrixParser::resolve(const std::string& id, const YAML::Node& at) {
  std::string file = profile_file_path(r_.source().path, id);
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) return load_profile_file(file, id, r_.diagnostics());
  if (auto builtin = find_builtin_profile(id)) return builtin;
  if (std::string shipped = catalog_profile_path(catalog_, id); !shipped.empty()) {
    return load_profile_file(shipped, id, r_.diagnostics());
  }
  auto builtins = builtin_ids();
  auto shipped = catalog_ids(catalog_);
  std::vector<std::string> ids = builtins;
  ids.insert(ids.end(), shipped.begin(), shipped.end());
  std::string suggestion = did_you_mean(id, ids);
  std::string known;
  for (const auto& b : builtins) known += (known.empty() ? "" : ", ") + b;
  std::string catalog = shipped.empty() ? ""
                                        : fmt::format(", the {} shipped profiles in {}",
                                                      shipped.size(), catalog_.dirs.front());
  r_.error(at, fmt::format("unknown profile '{}'", id),
           fmt::format("{}{}built-in profiles: {}{}; or define it inline (distro, kernel, ...) or "
                       "in {}",
                       suggestion, suggestion.empty() ? "" : " ", known, catalog, file));
  return std::nullopt;
}

std::string absolute_dir_of(const std::string& path) {
  std::error_code ec;
  auto abs = std::filesystem::absolute(std::filesystem::path(path), ec);
  return ec ? std::filesystem::path(path).parent_path().string()
            : abs.parent_path().lexically_normal().string();
}

std::optional<Matrix> parse_matrix(const std::string& path, const std::string& text,
                                   Diagnostics& diagnostics, const ProfileCatalog& catalog) {
  std::size_t before = diagnostics.items().size();
  YamlReader reader(SourceText::from(path, text), diagnostics, absolute_dir_of(path));
  Matrix matrix;
  matrix.path = path;
  matrix.name = std::filesystem::path(path).stem().string();
  try {
    if (auto root = reader.parse(text)) MatrixParser(reader, matrix, catalog).read(*root);
  } catch (const YAML::Exception& e) {  // a yaml-cpp surprise still becomes a diagnostic
    reader.error_at_mark(e.mark, e.msg);
  }
  if (diagnostics.items().size() != before) return std::nullopt;
  return matrix;
}

}  // namespace

std::optional<Matrix> read_matrix_file(const std::string& path, Diagnostics& diagnostics,
                                       const ProfileCatalog& catalog) {
  auto text = read_file(path, kMaxMatrixBytes);
  if (!text) {
    diagnostics.add(Diagnostic{{}, 0, 0, text.error().message, {}, {}, {}});  // names the path
    return std::nullopt;
  }
  return parse_matrix(path, *text, diagnostics, catalog);
}

Result<Matrix> load_matrix(const std::string& path, const ProfileCatalog& catalog) {
  auto text = read_file(path, kMaxMatrixBytes);
  if (!text) return std::move(text).error();
  Diagnostics diagnostics;
  auto matrix = parse_matrix(path, *text, diagnostics, catalog);
  if (!matrix) return diagnostics.to_error();
  return std::move(*matrix);
}

}  // namespace bpfcompat::config
