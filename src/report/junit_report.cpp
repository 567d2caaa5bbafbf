// to_junit: one <testsuite> per profile, testcases per program, functional test and command of
// each target (docs/junit.xsd). Times are the target's wall time: one boot serves a profile.
#include <algorithm>
#include <regex>
#include <utility>

#include <fmt/format.h>

#include "bpfcompat/report/outputs.h"
#include "markup_escape.h"
#include "run_summary.h"

namespace bpfcompat::report {
namespace {

using classify::Status;

struct JunitCase {
  std::string name;
  std::string classname;
  long time_ms = -1;  // -1: no time attribute
  Status status = Status::kPass;
  std::string message;
  std::string type;
  std::string text;
  std::string system_out;
  std::string system_err;
  bool optional_failure = false;  // a fail or error of an optional target, shown as <skipped>
};

JunitCase make_case(std::string name, std::string classname) {
  JunitCase c;
  c.name = std::move(name);
  c.classname = std::move(classname);
  return c;
}

std::string seconds(long ms) {
  return fmt::format("{:.3f}", static_cast<double>(std::max(ms, 0L)) / 1000.0);
}

// The body of a failure or error: what a reader needs without opening the JSON report.
std::string verdict_text(const TargetReport& t, const classify::Verdict& v,
                         const std::string& subject) {
  std::string kernel = t.observed_kernel.empty() ? t.requested_kernel : t.observed_kernel;
  std::string out =
      fmt::format("{} on {}{}\n", subject, t.profile_id, kernel.empty() ? "" : " (" + kernel + ")");
  out += fmt::format("reason: {}\n", v.reason);
  const classify::Verdict& fallback = t.verdict;
  const std::string& evidence = v.evidence.empty() ? fallback.evidence : v.evidence;
  const std::string& fix = v.remediation.empty() ? fallback.remediation : v.remediation;
  if (!evidence.empty()) out += fmt::format("evidence: {}\n", evidence);
  if (!fix.empty()) out += fmt::format("remediation: {}\n", fix);
  if (!t.required)
    out += fmt::format("{} is an optional profile: this does not fail the run.\n", t.profile_id);
  if (!t.evidence.dir.empty()) out += fmt::format("evidence files: {}\n", t.evidence.dir);
  return out;
}

JunitCase program_case(const TargetReport& t, const ProgramReport& p) {
  JunitCase c = make_case(p.name, t.artifact);
  c.status = p.verdict.status;
  c.type = p.verdict.code;
  c.message = p.verdict.code.empty() ? p.verdict.reason : p.verdict.code + ": " + p.verdict.reason;
  c.text = verdict_text(t, p.verdict, fmt::format("program '{}' ({})", p.name, p.section));
  if (!p.load.verifier_tail.empty()) c.text += "verifier log (tail):\n" + p.load.verifier_tail;
  if (!p.load.libbpf_tail.empty()) c.text += "libbpf (tail):\n" + p.load.libbpf_tail;
  if (!p.attach.libbpf_tail.empty()) c.text += "attach, libbpf (tail):\n" + p.attach.libbpf_tail;
  return c;
}

JunitCase test_run_case(const TargetReport& t, const validation::TestRun& run,
                        const std::string& name, const char* code) {
  JunitCase c = make_case(name, t.artifact);
  c.time_ms = run.duration_ms;
  c.status = run.status == "fail"   ? Status::kFail
             : run.status == "pass" ? Status::kPass
                                    : Status::kSkipped;
  c.type = code;
  c.message = run.error.empty() ? run.status : run.error;
  if (!run.required) c.message += " (optional)";
  c.text = fmt::format("{} on {}: exit {}, expected {}{}\n", name, t.profile_id, run.exit_code,
                       run.expect_exit, run.timed_out ? ", timed out" : "");
  c.system_out = run.stdout_tail;
  c.system_err = run.stderr_tail;
  return c;
}

JunitCase target_case(const TargetReport& t) {
  JunitCase c = make_case(t.artifact, t.artifact);
  c.time_ms = t.duration_ms;
  c.status = t.verdict.status;
  c.type = t.verdict.code;
  c.message = t.verdict.code.empty() ? t.verdict.reason : t.verdict.code + ": " + t.verdict.reason;
  c.text = verdict_text(t, t.verdict, fmt::format("'{}'", t.artifact));
  if (t.verdict.status == Status::kError) c.system_out = t.console_tail;
  return c;
}

// An optional target never gates the run, so a CI viewer must not show its problems red: a fail
// or error becomes a <skipped> that says what happened, with the same text.
void demote_optional(JunitCase& c) {
  if (c.status != Status::kFail && c.status != Status::kError) return;
  c.message = (c.status == Status::kFail ? "optional target failed: " : "optional target error: ") +
              c.message;
  c.status = Status::kSkipped;
  c.optional_failure = true;
}

// Programs, then functional tests and the command; the target itself when nothing of that
// carries its verdict (no programs, or an object-level failure).
std::vector<JunitCase> target_cases(const TargetReport& t) {
  std::vector<JunitCase> cases;
  for (const auto& p : t.programs) cases.push_back(program_case(t, p));
  if (t.functional) {
    for (const auto& run : t.functional->tests) {
      cases.push_back(test_run_case(t, run, "test " + run.name, "FUNCTIONAL_TEST_FAILURE"));
    }
  }
  if (t.command) {
    cases.push_back(test_run_case(t, *t.command, "command", "COMMAND_VALIDATION_FAILURE"));
  }
  bool shown = std::any_of(cases.begin(), cases.end(),
                           [&](const JunitCase& c) { return c.status == t.verdict.status; });
  if (cases.empty() || !shown) cases.insert(cases.begin(), target_case(t));
  if (!t.required) {
    for (auto& c : cases) demote_optional(c);
  }
  return cases;
}

std::string element(const char* tag, const JunitCase& c) {
  std::string out = fmt::format("      <{} message=\"{}\"", tag, xml_attribute(c.message));
  if (!c.type.empty()) out += fmt::format(" type=\"{}\"", xml_attribute(c.type));
  if (c.text.empty()) return out + "/>\n";
  return out + ">" + xml_escape(c.text) + fmt::format("</{}>\n", tag);
}

std::string render_case(const JunitCase& c) {
  std::string out = fmt::format("    <testcase name=\"{}\" classname=\"{}\"", xml_attribute(c.name),
                                xml_attribute(c.classname));
  if (c.time_ms >= 0) out += fmt::format(" time=\"{}\"", seconds(c.time_ms));
  std::string body;
  if (c.status == Status::kFail) body += element("failure", c);
  if (c.status == Status::kError) body += element("error", c);
  if (c.status == Status::kSkipped && c.optional_failure && !c.text.empty()) {
    body += fmt::format("      <skipped message=\"{}\">{}</skipped>\n", xml_attribute(c.message),
                        xml_escape(c.text));
  } else if (c.status == Status::kSkipped) {
    body += fmt::format("      <skipped message=\"{}\"/>\n", xml_attribute(c.message));
  }
  if (!c.system_out.empty())
    body += "      <system-out>" + xml_escape(c.system_out) + "</system-out>\n";
  if (!c.system_err.empty())
    body += "      <system-err>" + xml_escape(c.system_err) + "</system-err>\n";
  if (body.empty()) return out + "/>\n";
  return out + ">\n" + body + "    </testcase>\n";
}

struct Counts {
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  long time_ms = 0;
  void add(const JunitCase& c) {
    ++tests;
    failures += c.status == Status::kFail;
    errors += c.status == Status::kError;
    skipped += c.status == Status::kSkipped;
  }
  std::string attributes() const {
    return fmt::format("tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{}\"",
                       tests, failures, errors, skipped, seconds(time_ms));
  }
};

// "2025-01-14T09:30:00Z" → "2025-01-14T09:30:00" (the schema's timestamp has no zone).
std::string timestamp(const std::string& rfc3339) {
  std::smatch m;
  static const std::regex kStamp("^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}).*");
  return std::regex_match(rfc3339, m, kStamp) ? m[1].str() : "";
}

std::string property(const char* name, const std::string& value) {
  return fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", name, xml_attribute(value));
}

// The vendor kernel's identity and freshness, each property only when known (consumers match on
// the names).
std::string identity_properties(const TargetReport& t) {
  std::string out;
  const std::pair<const char*, const std::string*> fields[] = {
      {"distro", &t.distro},
      {"distro_version", &t.distro_version},
      {"kernel_release", &t.kernel_release},
      {"kernel_package", &t.kernel_package},
      {"kernel_package_version", &t.kernel_package_version}};
  for (const auto& [name, value] : fields) {
    if (!value->empty()) out += property(name, *value);
  }
  if (const auto& f = t.freshness) {
    out += property("kernel_newest_version", f->newest_version);
    out += property("kernel_latest", f->latest ? "true" : "false");
    out += property("kernel_pinned", f->pinned ? "true" : "false");
    out += property("kernel_stale", f->stale ? "true" : "false");
  }
  return out;
}

std::string render_suite(const RunReport& r, const ProfileColumn& profile, Counts& total) {
  Counts counts;
  std::string cases;
  std::string properties = property("required", profile.required ? "true" : "false");
  properties += property("kernel", profile.kernel);
  for (const auto& t : r.targets) {
    if (t.profile_id != profile.id) continue;
    if (counts.tests == 0) {
      properties += property("lane", t.lane) + property("requested_kernel", t.requested_kernel);
      properties += identity_properties(t);
      if (!t.accelerator.empty()) properties += property("accelerator", t.accelerator);
    }
    counts.time_ms = std::max(counts.time_ms, t.duration_ms);
    for (const auto& c : target_cases(t)) {
      counts.add(c);
      cases += render_case(c);
    }
  }
  total.tests += counts.tests;
  total.failures += counts.failures;
  total.errors += counts.errors;
  total.skipped += counts.skipped;
  total.time_ms += counts.time_ms;
  std::string out =
      fmt::format("  <testsuite name=\"{}\" {}", xml_attribute(profile.id), counts.attributes());
  if (std::string stamp = timestamp(r.started_at); !stamp.empty()) {
    out += fmt::format(" timestamp=\"{}\"", stamp);
  }
  return out + ">\n    <properties>\n" + properties + "    </properties>\n" + cases +
         "  </testsuite>\n";
}

}  // namespace

std::string to_junit(const RunReport& report) {
  Counts total;
  std::string suites;
  for (const auto& profile : profile_columns(report))
    suites += render_suite(report, profile, total);
  std::string name = report.suite_name.empty() ? "bpfcompat" : "bpfcompat " + report.suite_name;
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"{}\" {}>\n",
                     xml_attribute(name), total.attributes()) +
         suites + "</testsuites>\n";
}

}  // namespace bpfcompat::report
