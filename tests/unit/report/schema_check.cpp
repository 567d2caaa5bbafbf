#include "schema_check.h"

#include <chrono>

#include "bpfcompat/core/subprocess.h"

namespace bpfcompat::report::testing {

std::optional<std::string> schema_problems(const std::string& json_path) {
  const std::string schema = std::string(BPFCOMPAT_TEST_DATA) + "/../../docs/report-schema.json";
  auto probe = run_captured({"python3", "-c", "import jsonschema"}, std::chrono::seconds(20));
  if (!probe || probe->status.code != 0) return std::nullopt;
  auto run =
      run_captured({"python3", "-c",
                    "import json,sys,jsonschema;"
                    "s=json.load(open(sys.argv[1]));"
                    "jsonschema.Draft202012Validator.check_schema(s);"
                    "jsonschema.Draft202012Validator(s).validate(json.load(open(sys.argv[2])))",
                    schema, json_path},
                   std::chrono::seconds(30));
  if (!run) return run.error().describe();
  return run->status.code == 0 ? "" : run->output;
}

}  // namespace bpfcompat::report::testing
