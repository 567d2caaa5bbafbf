// The user's requested outputs of a report, rendered in one place for `test`, `test-command`,
// `suite` and `report merge`, then written all or nothing.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "bpfcompat/core/result.h"
#include "bpfcompat/report/report.h"

namespace bpfcompat::report {

enum class OutputKind { kJson, kMarkdown, kJunit, kHtml, kJobSummary };

// Paths of the requested outputs; "" = not requested.
struct OutputRequest {
  std::string json, markdown, junit, html;
  std::string job_summary;  // $GITHUB_STEP_SUMMARY: appended to, not replaced
  int max_failures = 10;    // failure details in the job summary
};

struct RenderedFile {
  OutputKind kind = OutputKind::kJson;
  std::string path;
  std::string bytes;
};

// The requested (kind, path) pairs in the order above.
std::vector<std::pair<OutputKind, std::string>> requested_outputs(const OutputRequest& request);

// Pure: every requested output rendered, in requested_outputs order. No filesystem access.
std::vector<RenderedFile> render(const RunReport& report, const OutputRequest& request);

// Writes every file: each replaced file to PATH.tmp.<pid> first, and only when all of those are
// written are they renamed into place, so a failure leaves no output changed and no temp file;
// then the job summary is appended (cut back to its old size if the write fails). Errors are
// kInfrastructure, naming the path.
Result<void> write_rendered(const std::vector<RenderedFile>& files);

}  // namespace bpfcompat::report
