#include "yaml_reader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "did_you_mean.h"
#include "unclosed_construct.h"

namespace bpfcompat::config {
namespace {

const char* kind_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a scalar";
    default:
      return "nothing";
  }
}

bool is_quoted(const YAML::Node& scalar) {
  return scalar.Tag() == "!";
}

// True when a quoted scalar of `node`'s tree (keys included) starts where `u` does.
bool has_quoted_scalar_at(const YAML::Node& node, const UnclosedConstruct& u) {
  YAML::Mark m = node.Mark();
  if (node.IsScalar()) return is_quoted(node) && m.line + 1 == u.line && m.column + 1 == u.column;
  if (node.IsSequence()) {
    for (const auto& item : node) {
      if (has_quoted_scalar_at(item, u)) return true;
    }
  } else if (node.IsMap()) {
    for (const auto& kv : node) {
      if (has_quoted_scalar_at(kv.first, u) || has_quoted_scalar_at(kv.second, u)) return true;
    }
  }
  return false;
}

bool one_of(const std::string& text, std::initializer_list<const char*> words) {
  return std::any_of(words.begin(), words.end(), [&text](const char* w) { return text == w; });
}

}  // namespace

YamlReader::YamlReader(SourceText source, Diagnostics& diagnostics, std::string base_dir)
    : source_(std::move(source)), diagnostics_(diagnostics), base_dir_(std::move(base_dir)) {}

std::optional<YAML::Node> YamlReader::parse(const std::string& text) {
  auto unclosed = find_unclosed_construct(text);
  try {
    YAML::Node root = YAML::Load(text);
    // yaml-cpp reads an unclosed quote to the end of the file without a word; a scanner's
    // guess counts only when the parser did start a quoted scalar there.
    if (!unclosed || !has_quoted_scalar_at(root, *unclosed)) return root;
    report_unclosed(*unclosed, fmt::format("without it, everything from line {} to the end of "
                                           "the file is read as one string",
                                           unclosed->line));
  } catch (const YAML::Exception& e) {
    bool before_mark = unclosed && !e.mark.is_null() &&
                       std::pair(unclosed->line, unclosed->column) <=
                           std::pair(e.mark.line + 1, e.mark.column + 1);
    if (before_mark) {
      report_unclosed(*unclosed, fmt::format("the parser got to line {}, column {} without "
                                             "finding it ({})",
                                             e.mark.line + 1, e.mark.column + 1, e.msg));
    } else {
      error_at_mark(e.mark, e.msg);
    }
  }
  return std::nullopt;
}

void YamlReader::report_unclosed(const UnclosedConstruct& u, std::string hint) {
  YAML::Mark mark;
  mark.line = u.line - 1;
  mark.column = u.column - 1;
  error_at_mark(
      mark,
      fmt::format("'{}' opened here is never closed; add the closing '{}'", u.opener, u.closer),
      std::move(hint));
}

std::string YamlReader::context_text() const {
  if (context_.size() < 2) return {};  // one step deep, the quoted line says it all
  std::string out = "in";
  for (std::size_t i = 0; i < context_.size(); ++i) out += (i ? " → " : " ") + context_[i];
  return out;
}

void YamlReader::error_at_mark(const YAML::Mark& mark, std::string message, std::string hint) {
  Diagnostic d;
  d.path = source_.path;
  if (!mark.is_null() && mark.line >= 0) {
    d.line = mark.line + 1;
    d.column = mark.column + 1;
    d.source_line = source_.line(d.line);
  }
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.context = context_text();
  diagnostics_.add(std::move(d));
}

void YamlReader::error(const YAML::Node& at, std::string message, std::string hint) {
  YAML::Mark mark = at.IsDefined() ? at.Mark() : YAML::Mark::null_mark();
  error_at_mark(mark, std::move(message), std::move(hint));
}

void YamlReader::error(const Field& at, std::string message, std::string hint) {
  // An empty value's mark points at whatever follows it: blame the key instead.
  bool empty_value = !at.value.IsDefined() || at.value.IsNull();
  error(empty_value ? at.key : at.value, std::move(message), std::move(hint));
}

void YamlReader::file_error(std::string message, std::string hint) {
  error_at_mark(YAML::Mark::null_mark(), std::move(message), std::move(hint));
}

void YamlReader::check_keys(const YAML::Node& map, const std::vector<std::string>& allowed,
                            const std::map<std::string, std::string>& explanations) {
  std::set<std::string> seen;
  for (const auto& kv : map) {
    if (!kv.first.IsScalar()) {
      error(kv.first, "keys must be plain names, not " + std::string(kind_name(kv.first)));
      continue;
    }
    const std::string& key = kv.first.Scalar();
    if (!seen.insert(key).second) {
      error(kv.first, fmt::format("duplicate key '{}'", key), "remove one of them");
      continue;
    }
    bool known = false;
    for (const auto& a : allowed) known = known || a == key;
    if (known) continue;
    auto explained = explanations.find(key);
    error(kv.first, fmt::format("unknown key '{}'", key),
          explained != explanations.end() ? explained->second : did_you_mean(key, allowed));
  }
}

std::optional<Field> find_field(const YAML::Node& map, const std::string& key) {
  if (!map.IsMap()) return std::nullopt;
  for (const auto& kv : map) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return Field{kv.first, kv.second, key};
  }
  return std::nullopt;
}

bool YamlReader::expect_map(const Field& f, const std::string& what) {
  if (f.value.IsMap()) return true;
  error(f, fmt::format("'{}' must be a mapping, not {}", f.name, kind_name(f.value)), what);
  return false;
}

std::optional<std::string> YamlReader::string(const Field& f) {
  if (f.value.IsScalar()) return f.value.Scalar();
  if (f.value.IsNull()) {
    error(f, fmt::format("'{}' is empty; expected a string", f.name));
  } else {
    error(f, fmt::format("'{}' must be a string, not {}", f.name, kind_name(f.value)));
  }
  return std::nullopt;
}

std::optional<std::string> YamlReader::non_empty_string(const Field& f) {
  auto text = string(f);
  if (text && text->empty()) {
    error(f, fmt::format("'{}' is empty; expected a string", f.name));
    return std::nullopt;
  }
  return text;
}

std::optional<bool> YamlReader::boolean(const Field& f) {
  std::string expected = fmt::format("'{}' must be true or false", f.name);
  if (!f.value.IsScalar()) {
    error(f, fmt::format("{}, not {}", expected, kind_name(f.value)));
    return std::nullopt;
  }
  const std::string& text = f.value.Scalar();
  if (is_quoted(f.value)) {
    error(f, fmt::format("{}, not the string \"{}\"", expected, text), "remove the quotes");
    return std::nullopt;
  }
  if (one_of(text, {"true", "True", "TRUE"})) return true;
  if (one_of(text, {"false", "False", "FALSE"})) return false;
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool yaml11 = one_of(lower, {"yes", "no", "on", "off", "y", "n"});
  error(
      f, fmt::format("{}, got '{}'", expected, text),
      yaml11 ? "YAML 1.1 words like yes/no/on/off are not booleans here; write true or false" : "");
  return std::nullopt;
}

std::optional<int> YamlReader::positive_int(const Field& f, int max) {
  std::string expected = fmt::format("'{}' must be a positive integer", f.name);
  std::string fix = fmt::format("write a plain whole number from 1 to {}", max);
  if (!f.value.IsScalar() || is_quoted(f.value)) {
    bool quoted = f.value.IsScalar();
    error(f, fmt::format("{}, not {}", expected, quoted ? "a string" : kind_name(f.value)),
          quoted ? "remove the quotes: a quoted number is a string" : fix);
    return std::nullopt;
  }
  const std::string& text = f.value.Scalar();
  long long value = 0;
  bool digits = !text.empty() && text.size() <= 10;
  for (char c : text) {
    digits = digits && std::isdigit(static_cast<unsigned char>(c));
    if (digits) value = value * 10 + (c - '0');
  }
  if (!digits || value <= 0) {
    error(f, fmt::format("{}, got '{}'", expected, text), fix);
    return std::nullopt;
  }
  if (value > max) {
    error(f, fmt::format("'{}' is too large: {} (at most {})", f.name, text, max), fix);
    return std::nullopt;
  }
  return static_cast<int>(value);
}

std::optional<std::vector<std::string>> YamlReader::string_list(const Field& f) {
  if (f.value.IsNull()) return std::vector<std::string>{};
  if (!f.value.IsSequence()) {
    error(f, fmt::format("'{}' must be a list of strings, not {}", f.name, kind_name(f.value)));
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (const auto& item : f.value) {
    if (item.IsScalar()) {
      out.push_back(item.Scalar());
    } else {
      error(item, fmt::format("'{}' items must be strings, not {}", f.name, kind_name(item)));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

std::string YamlReader::resolve_path(const std::string& path) const {
  std::filesystem::path p(path);
  if (p.is_relative()) p = std::filesystem::path(base_dir_) / p;
  return p.lexically_normal().string();
}

}  // namespace bpfcompat::config
