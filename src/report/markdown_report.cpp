// to_markdown: the matrix at a glance (with the cases table when there are several cases or a
// suite), then details of failures and errors only. Must read well rendered and stay byte-stable.
#include <fmt/format.h>

#include "bpfcompat/report/report.h"
#include "markdown_blocks.h"
#include "run_summary.h"

namespace bpfcompat::report {
namespace {

using classify::Status;

std::string status_line(const RunReport& r) {
  RunSummary s = summarize(r);
  int code = report_exit_code(r);
  std::string line =
      fmt::format("**{} {}** — {} of {} targets compatible", md::icon_of_exit_code(code),
                  status_of_exit_code(code), s.pass, s.targets);
  line += fmt::format(" (required: {} failed, {} error)", s.required_failed, s.required_error);
  if (r.interrupted) line += " · interrupted";
  if (!r.suite_name.empty()) line += fmt::format(" · suite `{}`", r.suite_name);
  if (r.shard_count > 0) line += fmt::format(" · shard {}/{}", r.shard_index, r.shard_count);
  line += fmt::format(" · mode `{}` · run `{}`", r.mode, r.run_id);
  return line + "\n";
}

}  // namespace

std::string to_markdown(const RunReport& report) {
  std::string out = "# bpfcompat compatibility report\n\n";
  out += status_line(report) + "\n";
  if (std::string stale = md::stale_block(report); !stale.empty()) out += stale + "\n";
  out += md::matrix_table(report) + "\n";
  if (is_collection(report)) out += "## Cases\n\n" + md::cases_table(report) + "\n";
  out += "## Failures\n\n";
  bool any = false;
  for (const auto& t : report.targets) {
    if (t.verdict.status != Status::kFail && t.verdict.status != Status::kError) continue;
    out += md::failure_details(t);
    any = true;
  }
  if (!any) out += "None.\n\n";
  out.pop_back();  // a single trailing newline
  return out;
}

}  // namespace bpfcompat::report
