// Reading a bpfcompat JSON report in the e2e tests.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "bpfcompat/core/file_io.h"

namespace bpfcompat::testing {

// The target of `profile` for case (artifact) `c`, or nullptr.
inline const nlohmann::json* target(const nlohmann::json& report, const std::string& profile,
                                    const std::string& c) {
  for (const auto& t : report["targets"]) {
    if (t["profile_id"] == profile && t["artifact"] == c) return &t;
  }
  return nullptr;
}

// A string field, "" when absent or null (passing targets carry null codes).
inline std::string str(const nlohmann::json& t, const char* key) {
  auto it = t.find(key);
  return it != t.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The parsed file, or null when it cannot be read.
inline nlohmann::json load_json(const std::string& path) {
  auto text = read_file(path);
  return text ? nlohmann::json::parse(*text) : nlohmann::json();
}

}  // namespace bpfcompat::testing
