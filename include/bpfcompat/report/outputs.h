// The CI-facing renderings of a run: JUnit XML, one self-contained HTML page, the GitHub job
// summary, and the suite views (cases table, profile × case collection matrix).
#pragma once

#include <string>

#include "bpfcompat/report/report.h"

namespace bpfcompat::report {

// One <testsuite> per profile, one <testcase> per target × program (a target without programs
// gets one testcase named after the case); fail → <failure message="CODE: reason"> with the
// evidence and remediation in its text; error → <error>; skipped → <skipped>. An optional
// target never shows red: its fail or error is <skipped message="optional target failed: CODE:
// reason"> ("optional target error: …") with the same text. Valid against the
// common JUnit XML schema (docs/junit.xsd). Functional tests ("test NAME") and a case's command
// ("command") are testcases too, with their output tails in system-out/system-err; a target whose
// verdict no program carries (an object-level failure) also gets the testcase named after it.
std::string to_junit(const RunReport& report);

// A single HTML file with inline CSS/JS only (no network fetches): a coloured case × profile
// matrix; clicking a cell opens that target's code, reason, evidence, remediation and programs
// (through CSS :target, so it works with scripts off; the script only marks the chosen cell).
std::string to_html(const RunReport& report);

// The Markdown for $GITHUB_STEP_SUMMARY: status, case × profile matrix at a glance, failure
// classes, failure details (at most max_failures), next steps. Suites get the cases table too.
std::string to_job_summary(const RunReport& report, int max_failures = 10);

}  // namespace bpfcompat::report
