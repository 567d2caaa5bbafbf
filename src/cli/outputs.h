// The user's output files of a run (--out, --markdown, --junit, --html, the job summary):
// checked before anything boots, written after the run, each rendered before any is written.
#pragma once

#include <string>

#include "bpfcompat/core/result.h"
#include "bpfcompat/report/report.h"

namespace bpfcompat::cli {

struct OutputPaths {
  std::string json, markdown, junit, html;
  std::string job_summary;  // $GITHUB_STEP_SUMMARY: appended to
};

// Each requested path must be writable: not a directory, its folder existing and writable.
// All problems at once (kInvalidInput), naming the option and the path.
Result<void> check_output_paths(const OutputPaths& outputs);

Result<void> write_outputs(const report::RunReport& report, const OutputPaths& outputs);

// "json:   PATH" lines for the files written.
void print_written(const OutputPaths& outputs);

}  // namespace bpfcompat::cli
