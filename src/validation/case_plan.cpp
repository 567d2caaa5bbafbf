// render_case_plan: the case plan file the validator reads with `--case PATH`
// (docs/validator-protocol.md, "Case plans"). Pure: builds the text, writes nothing.
#include "bpfcompat/validation/case_plan.h"

#include <initializer_list>
#include <string_view>

namespace bpfcompat::validation {
namespace {

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// One record: the kind, then each field escaped, tab-separated, LF-terminated.
void record(std::string& out, std::string_view kind, std::initializer_list<std::string> fields) {
  out += kind;
  for (const std::string& f : fields) {
    out += '\t';
    out += escape(f);
  }
  out += '\n';
}

std::string number_or_empty(long long n) {
  return n > 0 ? std::to_string(n) : std::string();
}

void render_map(std::string& out, const PlanMap& m) {
  std::string max = m.max_entries_cpus ? std::string("cpus") : number_or_empty(m.max_entries);
  bool inner = !m.inner_map_type.empty();
  record(
      out, "map",
      {m.name, max, number_or_empty(m.inner_ringbuf_bytes), m.inner_map_type,
       inner ? std::to_string(m.inner_key_size) : std::string(),
       inner ? std::to_string(m.inner_value_size) : std::string(),
       inner ? std::to_string(m.inner_max_entries) : std::string(), number_or_empty(m.value_size)});
}

void render_test(std::string& out, const PlanTest& t) {
  record(out, "test",
         {t.name, t.required ? "1" : "0", std::to_string(t.timeout_sec),
          std::to_string(t.expect_exit), t.expect_stdout, t.expect_stderr, t.command});
}

}  // namespace

std::string render_case_plan(const CasePlan& plan) {
  std::string out = "bpfcompat-case\t1\n";
  record(out, "name", {plan.name});
  if (!plan.artifact.empty()) record(out, "artifact", {plan.artifact});
  record(out, "mode", {plan.mode});
  for (const PlanMap& m : plan.maps) render_map(out, m);
  for (const PlanProgramType& t : plan.program_types) {
    record(out, "program_type", {t.selector, t.type});
  }
  for (const PlanVariant& v : plan.variants) {
    record(out, "variant",
           {v.group, v.program, std::to_string(v.requires_helper), v.trial_load ? "1" : "0"});
  }
  for (const std::string& c : plan.companions) record(out, "companion", {c});
  for (const std::string& c : plan.attach_optional) record(out, "attach_optional", {c});
  for (const auto& [name, value] : plan.env) record(out, "env", {name, value});
  for (const PlanTest& t : plan.tests) render_test(out, t);
  if (plan.mode == "command") {
    record(out, "command",
           {std::to_string(plan.command.expect_exit), std::to_string(plan.command.timeout_sec),
            plan.command.command});
  }
  return out;
}

}  // namespace bpfcompat::validation
