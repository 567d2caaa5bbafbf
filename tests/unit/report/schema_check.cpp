#include "schema_check.h"

#include "support/json_schema.h"

namespace bpfcompat::report::testing {

std::optional<std::string> schema_problems(const std::string& json_path) {
  return bpfcompat::testing::json_schema_problems(
      std::string(BPFCOMPAT_TEST_DATA) + "/../../docs/report-schema.json", json_path);
}

}  // namespace bpfcompat::report::testing
