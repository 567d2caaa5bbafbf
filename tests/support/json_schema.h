// Test support: validate a JSON file against a JSON Schema (draft 2020-12) with
// python3-jsonschema (scripts/setup installs it).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "bpfcompat/core/subprocess.h"

namespace bpfcompat::testing {

// "" when valid; the validator's output when not; nullopt when python3-jsonschema is missing.
inline std::optional<std::string> json_schema_problems(const std::string& schema_path,
                                                       const std::string& json_path) {
  auto probe = run_captured({"python3", "-c", "import jsonschema"}, std::chrono::seconds(20));
  if (!probe || probe->status.code != 0) return std::nullopt;
  auto run =
      run_captured({"python3", "-c",
                    "import json,sys,jsonschema;"
                    "s=json.load(open(sys.argv[1]));"
                    "jsonschema.Draft202012Validator.check_schema(s);"
                    "jsonschema.Draft202012Validator(s).validate(json.load(open(sys.argv[2])))",
                    schema_path, json_path},
                   std::chrono::seconds(30));
  if (!run) return run.error().describe();
  return run->status.code == 0 ? "" : run->output;
}

}  // namespace bpfcompat::testing
