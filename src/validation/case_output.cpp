// Case-plan fields of artifact records (docs/validator-protocol.md, "Case plans").
#include "case_output.h"

#include "json_fields.h"

namespace bpfcompat::validation {
namespace {

using Json = nlohmann::json;
using namespace json_fields;  // NOLINT(google-build-using-namespace): private field getters

TestRun parse_test_run(const Json& j) {
  TestRun t;
  t.name = get_string(j, "name");
  t.required = get_bool(j, "required", true);
  t.status = get_string(j, "status");
  if (t.status.empty()) t.status = "not_run";
  t.exit_code = get_int32(j, "exit_code", -1);
  t.expect_exit = get_int32(j, "expect_exit", 0);
  t.timed_out = get_bool(j, "timed_out", false);
  t.duration_ms = static_cast<long>(get_int(j, "duration_ms", 0));
  t.stdout_tail = get_string(j, "stdout_tail");
  t.stderr_tail = get_string(j, "stderr_tail");
  t.error = get_string(j, "error");
  return t;
}

FixupResult parse_fixup(const Json& j) {
  FixupResult f;
  f.kind = get_string(j, "kind");
  f.target = get_string(j, "target");
  f.ok = get_bool(j, "ok", false);
  f.detail = get_string(j, "detail");
  return f;
}

}  // namespace

void parse_case_fields(const Json& j, ArtifactResult& a) {
  for (const Json& f : get_array(j, "fixups")) {
    if (f.is_object()) a.fixups.push_back(parse_fixup(f));
  }
  for (const Json& p : get_array(j, "variant_disabled")) {
    if (p.is_string()) a.variant_disabled.push_back(p.get<std::string>());
  }
  auto functional = j.find("functional");
  if (functional != j.end() && functional->is_object()) {
    FunctionalResult r;
    r.status = get_string(*functional, "status");
    for (const Json& t : get_array(*functional, "tests")) {
      if (t.is_object()) r.tests.push_back(parse_test_run(t));
    }
    if (r.status.empty()) r.status = r.tests.empty() ? "skipped" : "fail";
    a.functional = std::move(r);
  }
  auto command = j.find("command");
  if (command != j.end() && command->is_object()) a.command = parse_test_run(*command);
}

}  // namespace bpfcompat::validation
