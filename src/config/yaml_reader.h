// Strict, diagnosing reads of yaml-cpp nodes for one source file: every problem becomes a
// positioned Diagnostic (never an exception), unknown keys get "did you mean".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "diagnostics.h"
#include "unclosed_construct.h"

namespace bpfcompat::config {

// A key of a mapping and its value; the key's position stands in for a value that is empty.
// Not assignable: YAML::Node's operator= overwrites the node it refers to, not the handle.
struct Field {
  Field(YAML::Node k, YAML::Node v, std::string n)
      : key(std::move(k)), value(std::move(v)), name(std::move(n)) {}
  Field(const Field&) = default;
  Field& operator=(const Field&) = delete;

  YAML::Node key;
  YAML::Node value;
  std::string name;
};

// The first occurrence of `key` in `map`, which may be anything.
std::optional<Field> find_field(const YAML::Node& map, const std::string& key);

class YamlReader {
 public:
  // base_dir: absolute directory that relative paths in this file resolve against.
  YamlReader(SourceText source, Diagnostics& diagnostics, std::string base_dir);

  const SourceText& source() const { return source_; }
  Diagnostics& diagnostics() { return diagnostics_; }

  // The document of `text`; a syntax error is reported and yields nullopt. An unclosed '[', '{'
  // or quote is reported where it opens, not where the parser gave up.
  std::optional<YAML::Node> parse(const std::string& text);

  void error(const YAML::Node& at, std::string message, std::string hint = {});
  void error(const Field& at, std::string message, std::string hint = {});
  void file_error(std::string message, std::string hint = {});  // no position
  // yaml-cpp's 0-based mark, or (0, 0) for a missing mark.
  void error_at_mark(const YAML::Mark& mark, std::string message, std::string hint = {});

  // Steps of the context stack ("profile 'x'", "kernel"); shown when two or more deep.
  void push_context(std::string step) { context_.push_back(std::move(step)); }
  void pop_context() { context_.pop_back(); }

  // Reports keys of `map` not in `allowed` (with a suggestion, or the explanation given for that
  // key) and keys given twice.
  void check_keys(const YAML::Node& map, const std::vector<std::string>& allowed,
                  const std::map<std::string, std::string>& explanations = {});
  // True when `field` holds a mapping; reports otherwise (`what` describes the expected keys).
  bool expect_map(const Field& field, const std::string& what);

  std::optional<std::string> string(const Field& field);  // any scalar
  std::optional<std::string> non_empty_string(const Field& field);
  std::optional<bool> boolean(const Field& field);
  std::optional<int> positive_int(const Field& field, int max);
  std::optional<std::vector<std::string>> string_list(const Field& field);
  // Resolves a relative path against base_dir and returns it absolute and normalised.
  std::string resolve_path(const std::string& path) const;

 private:
  std::string context_text() const;
  void report_unclosed(const UnclosedConstruct& construct, std::string hint);

  SourceText source_;
  Diagnostics& diagnostics_;
  std::string base_dir_;
  std::vector<std::string> context_;
};

// Pushes a context step for the lifetime of the scope.
class ContextScope {
 public:
  ContextScope(YamlReader& reader, std::string step) : reader_(reader) {
    reader_.push_context(std::move(step));
  }
  ~ContextScope() { reader_.pop_context(); }
  ContextScope(const ContextScope&) = delete;
  ContextScope& operator=(const ContextScope&) = delete;

 private:
  YamlReader& reader_;
};

}  // namespace bpfcompat::config
