#include "field_rules.h"

#include <algorithm>
#include <cctype>
#include <climits>

#include <fmt/format.h>

#include "bpfcompat/config/matrix.h"
#include "did_you_mean.h"

namespace bpfcompat::config {
namespace {

const char* kind_of(const YAML::Node& node) {
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  if (node.IsScalar()) return "a string";
  return "nothing";
}

std::string describe_range(long long min, long long max) {
  if (max >= INT_MAX && min == 1) return "a positive integer";
  if (max >= INT_MAX && min == 0) return "a non-negative integer";
  return fmt::format("an integer from {} to {}", min, max);
}

std::optional<long long> parse_integer(const std::string& text) {
  std::size_t i = text.size() > 1 && text[0] == '-' ? 1 : 0;
  if (i == text.size() || text.size() - i > 18) return std::nullopt;
  long long value = 0;
  for (std::size_t j = i; j < text.size(); ++j) {
    if (!std::isdigit(static_cast<unsigned char>(text[j]))) return std::nullopt;
    value = value * 10 + (text[j] - '0');
  }
  return i ? -value : value;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!w.empty()) out += (out.empty() ? "" : ", ") + w;
  }
  return out;
}

}  // namespace

std::optional<long long> read_integer(YamlReader& r, const Field& f, long long min, long long max) {
  std::string expected = describe_range(min, max);
  std::string fix = max >= INT_MAX
                        ? fmt::format("write a plain whole number of at least {}", min)
                        : fmt::format("write a plain whole number from {} to {}", min, max);
  if (f.value.IsNull()) {
    r.error(f, fmt::format("'{}' is empty; expected {}", f.name, expected), fix);
    return std::nullopt;
  }
  if (!f.value.IsScalar() || f.value.Tag() == "!") {
    bool quoted = f.value.IsScalar();
    r.error(f, fmt::format("'{}' must be {}, not {}", f.name, expected, kind_of(f.value)),
            quoted ? "remove the quotes: a quoted number is a string" : fix);
    return std::nullopt;
  }
  const std::string& text = f.value.Scalar();
  auto value = parse_integer(text);
  bool range_named = expected.rfind("an integer from", 0) == 0;
  if (!value || *value < min || (range_named && *value > max)) {
    r.error(f, fmt::format("'{}' must be {}, got '{}'", f.name, expected, text), fix);
    return std::nullopt;
  }
  if (*value > max) {
    r.error(f, fmt::format("'{}' is too large: {} (at most {})", f.name, text, max), fix);
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> read_name(YamlReader& r, const Field& f, const std::string& what,
                                     std::size_t max_length, const std::string& extra) {
  auto text = r.non_empty_string(f);
  if (!text) return std::nullopt;
  bool valid = text->size() <= max_length && std::all_of(text->begin(), text->end(), [&](char c) {
                 return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' ||
                        extra.find(c) != std::string::npos;
               });
  if (valid) return text;
  std::string allowed = "letters, digits, '_', '.'";
  for (char c : extra) allowed += fmt::format(", '{}'", c);
  r.error(f, fmt::format("invalid {} '{}'", what, *text),
          fmt::format("use 1 to {} characters: {}", max_length, allowed));
  return std::nullopt;
}

std::optional<std::string> read_word(YamlReader& r, const Field& f, const std::string& what,
                                     const std::vector<std::string>& words) {
  auto text = r.string(f);
  if (!text) return std::nullopt;
  if (std::find(words.begin(), words.end(), *text) != words.end()) return text;
  std::string suggestion = did_you_mean(*text, words);
  r.error(f, fmt::format("unknown {} '{}'", what, *text),
          fmt::format("{}{}expected one of: {}", suggestion, suggestion.empty() ? "" : " ",
                      join(words)));
  return std::nullopt;
}

std::optional<std::string> read_single_line(YamlReader& r, const Field& f, std::size_t max_bytes,
                                            bool required) {
  auto text = required ? r.non_empty_string(f) : r.string(f);
  if (!text) return std::nullopt;
  if (text->find_first_of("\r\n") != std::string::npos) {
    r.error(f, fmt::format("'{}' must be a single line", f.name),
            "join the commands with ';' or '&&', or move them into a script");
    return std::nullopt;
  }
  if (text->find('\t') != std::string::npos) {
    r.error(f, fmt::format("'{}' contains a tab character", f.name), "use spaces instead");
    return std::nullopt;
  }
  if (text->size() > max_bytes) {
    r.error(f,
            fmt::format("'{}' is too long: {} bytes (at most {})", f.name, text->size(), max_bytes),
            "move the commands into a script");
    return std::nullopt;
  }
  return text;
}

bool expect_list(YamlReader& r, const Field& f, const std::string& example) {
  if (f.value.IsNull() || f.value.IsSequence()) return true;
  r.error(f, fmt::format("'{}' must be a list, not {}", f.name, kind_of(f.value)),
          fmt::format("write each entry on its own line, e.g. '{}'", example));
  return false;
}

bool expect_item_map(YamlReader& r, const YAML::Node& item, const Field& list, std::size_t index,
                     const std::string& example) {
  if (item.IsMap()) return true;
  r.error(item,
          fmt::format("'{}' entry #{} {}", list.name, index + 1,
                      item.IsNull() ? "is empty" : "must be a mapping"),
          fmt::format("write '{}'", example));
  return false;
}

bool UniqueNames::add(YamlReader& r, const Field& f, const std::string& name) {
  int line = f.value.Mark().line + 1;
  auto [it, fresh] = first_line_.emplace(name, line);
  if (fresh) return true;
  r.error(f, fmt::format("duplicate {} '{}'", what_, name),
          fmt::format("it is first used on line {}", it->second));
  return false;
}

std::optional<std::chrono::seconds> read_duration(YamlReader& r, const Field& f) {
  auto text = r.non_empty_string(f);
  if (!text) return std::nullopt;
  auto duration = parse_duration(*text);
  if (!duration) {
    r.error(f, duration.error().message);
    return std::nullopt;
  }
  return *duration;
}

std::optional<std::chrono::seconds> read_test_timeout(YamlReader& r, const Field& f) {
  auto duration = read_duration(r, f);
  if (duration && *duration > kMaxTestTimeout) {
    r.error(f,
            fmt::format("'{}' of a functional test must be at most 5m, got '{}'", f.name,
                        f.value.Scalar()),
            "split a long check into several tests");
    return std::nullopt;
  }
  return duration;
}

}  // namespace bpfcompat::config
