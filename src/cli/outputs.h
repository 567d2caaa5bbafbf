// The user's output files (--out, --markdown, --junit, --html, the job summary): checked before
// anything boots; rendered and written by report::render and report::write_rendered.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/core/result.h"
#include "bpfcompat/report/render.h"

namespace bpfcompat::cli {

// Each requested path must be writable: not a directory, its folder existing and writable.
// All problems at once (kInvalidInput), naming the option and the path.
Result<void> check_output_paths(const report::OutputRequest& outputs);

// One output file given with `option` (e.g. sweep --json), checked the same way.
Result<void> check_output_path(const std::string& option, const std::string& path);

// "json:   PATH" lines for the files written (the job summary is not listed).
void print_written(const std::vector<report::RenderedFile>& files);

}  // namespace bpfcompat::cli
