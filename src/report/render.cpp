// render: a report → the bytes of each requested output file. Pure.
#include "bpfcompat/report/render.h"

#include "bpfcompat/report/outputs.h"

namespace bpfcompat::report {
namespace {

std::string render_one(const RunReport& report, OutputKind kind, int max_failures) {
  switch (kind) {
    case OutputKind::kJson:
      return to_json(report);
    case OutputKind::kMarkdown:
      return to_markdown(report);
    case OutputKind::kJunit:
      return to_junit(report);
    case OutputKind::kHtml:
      return to_html(report);
    case OutputKind::kJobSummary:
      return to_job_summary(report, max_failures);
  }
  return "";
}

}  // namespace

std::vector<std::pair<OutputKind, std::string>> requested_outputs(const OutputRequest& request) {
  std::vector<std::pair<OutputKind, std::string>> out;
  for (const auto& [kind, path] :
       {std::pair{OutputKind::kJson, &request.json},
        std::pair{OutputKind::kMarkdown, &request.markdown},
        std::pair{OutputKind::kJunit, &request.junit}, std::pair{OutputKind::kHtml, &request.html},
        std::pair{OutputKind::kJobSummary, &request.job_summary}}) {
    if (!path->empty()) out.emplace_back(kind, *path);
  }
  return out;
}

std::vector<RenderedFile> render(const RunReport& report, const OutputRequest& request) {
  std::vector<RenderedFile> files;
  for (const auto& [kind, path] : requested_outputs(request)) {
    files.push_back({kind, path, render_one(report, kind, request.max_failures)});
  }
  return files;
}

}  // namespace bpfcompat::report
