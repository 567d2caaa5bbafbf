// Validates a JSON file against docs/report-schema.json with python3-jsonschema, for the tests.
#pragma once

#include <optional>
#include <string>

namespace bpfcompat::report::testing {

// "" when valid; the validator's output when not; nullopt when python3-jsonschema is missing.
std::optional<std::string> schema_problems(const std::string& json_path);

}  // namespace bpfcompat::report::testing
