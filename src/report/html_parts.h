// Pieces of the HTML report (to_html): one target's detail panel and the page's style.
#pragma once

#include <string>

#include "bpfcompat/report/report.h"

namespace bpfcompat::report::html {

// An <article class="target STATUS" id=ID> with code, reason, evidence, remediation, kernel,
// timings, programs, fixups, functional tests, command and console tail; user data escaped.
std::string target_panel(const TargetReport& t, const std::string& id);
// The inline stylesheet and script of the page.
const char* stylesheet();
const char* script();

}  // namespace bpfcompat::report::html
