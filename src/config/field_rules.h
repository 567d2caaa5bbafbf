// Value rules shared by the manifest and suite parsers: bounded integers, names from a fixed
// alphabet, one-of-a-set words, and the functional-test fields (single-line text, timeouts).
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "yaml_reader.h"

namespace bpfcompat::config {

constexpr std::size_t kMaxFunctionalTests = 32;
constexpr std::size_t kMaxTestCommandBytes = 1000;
constexpr std::chrono::seconds kDefaultTestTimeout{10};
constexpr std::chrono::seconds kMaxTestTimeout{300};

// An integer in [min, max] (YAML plain scalar; a quoted number is a string, not a number).
std::optional<long long> read_integer(YamlReader& r, const Field& f, long long min, long long max);

// A string of 1..max_length characters from [A-Za-z0-9_.] plus `extra`; `what` names it in the
// message ("map name").
std::optional<std::string> read_name(YamlReader& r, const Field& f, const std::string& what,
                                     std::size_t max_length, const std::string& extra = "");

// One of `words`, else an error with "did you mean" and the list; `what` names the value
// ("attach kind").
std::optional<std::string> read_word(YamlReader& r, const Field& f, const std::string& what,
                                     const std::vector<std::string>& words);

// A string without newlines or tabs (the guest's plan format is line- and tab-based) of at most
// max_bytes; empty is allowed unless `required`.
std::optional<std::string> read_single_line(YamlReader& r, const Field& f, std::size_t max_bytes,
                                            bool required);

// A functional-test timeout: a duration, at most 5m.
std::optional<std::chrono::seconds> read_test_timeout(YamlReader& r, const Field& f);

// True when `f` is a list (or empty, which reads as an empty list); reports anything else.
// `example` shows one item ("- name: on_exec").
bool expect_list(YamlReader& r, const Field& f, const std::string& example);
// True when `item` (entry #index of list `list`) is a mapping; reports anything else.
bool expect_item_map(YamlReader& r, const YAML::Node& item, const Field& list, std::size_t index,
                     const std::string& example);

// Names that must be unique within one scope, with the line each was first used on.
class UniqueNames {
 public:
  explicit UniqueNames(std::string what) : what_(std::move(what)) {}
  // False (and a "duplicate" error at `f`) when `name` was added before.
  bool add(YamlReader& r, const Field& f, const std::string& name);

 private:
  std::string what_;
  std::map<std::string, int> first_line_;
};

// A positive duration (parse_duration's rules).
std::optional<std::chrono::seconds> read_duration(YamlReader& r, const Field& f);

}  // namespace bpfcompat::config
