// Markdown pieces shared by the report (to_markdown) and the GitHub job summary: cells, fenced
// blocks, the matrix in both layouts, the cases table and per-target failure details.
#pragma once

#include <string>

#include "bpfcompat/report/report.h"

namespace bpfcompat::report::md {

const char* icon(classify::Status s);
const char* icon_of_exit_code(int code);
// A table cell: one line, pipes escaped.
std::string cell(const std::string& text);
// A fenced block that its content cannot close.
std::string code_block(const std::string& text);

// Case rows × profile columns for one case (`❌ fail (CODE)`); with several cases or a suite,
// profile rows × case columns (`❌ fail [CODE]`), the reference's collection matrix.
std::string matrix_table(const RunReport& r);
// Profiles pinned to an older build than their index offers, one line each; "" when none.
std::string stale_block(const RunReport& r);
// Case | Artifact | Mode | Status | Required pass/fail | Behavior p/f.
std::string cases_table(const RunReport& r);
// `### ❌ case on profile` with code, reason, programs, fixups, functional tests, command,
// evidence, remediation and (errors) the console tail.
std::string failure_details(const TargetReport& t);

}  // namespace bpfcompat::report::md
