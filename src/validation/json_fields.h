// JSON field access shared by the validator-output parsers (private to the validation module):
// a missing or mistyped field gives the fallback, never an exception.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace bpfcompat::validation::json_fields {

using Json = nlohmann::json;

inline std::string get_string(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

inline long long get_int(const Json& j, const char* key, long long fallback) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return fallback;
  return it->is_number_float() ? static_cast<long long>(it->get<double>()) : it->get<long long>();
}

inline int get_int32(const Json& j, const char* key, int fallback) {
  return static_cast<int>(get_int(j, key, fallback));
}

inline bool get_bool(const Json& j, const char* key, bool fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

inline std::optional<bool> get_opt_bool(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_boolean()) return std::nullopt;  // absent or null: unknown
  return it->get<bool>();
}

// The array at key, or an empty array when absent or of another type.
inline const Json& get_array(const Json& j, const char* key) {
  static const Json kEmpty = Json::array();
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : kEmpty;
}

inline const Json& get_object(const Json& j, const char* key) {
  static const Json kEmpty = Json::object();
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : kEmpty;
}

}  // namespace bpfcompat::validation::json_fields
