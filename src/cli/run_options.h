// The options `test`, `test-command` and `suite` share (outputs and run options), registered
// once and turned into app::TestOptions.
#pragma once

#include <memory>
#include <string>

#include "bpfcompat/app/test_run.h"
#include "bpfcompat/core/result.h"
#include "commands.h"

namespace CLI {
class App;
}

namespace bpfcompat::cli {

struct RunArgs {
  std::string matrix;
  bool quick = false;
  std::string out, markdown, junit, html;
  int jobs = 0;
  std::string timeout = "5m";
  std::string accel, cache_dir, workdir = ".bpfcompat", mode, validator, shard;
  bool keep = false;
};

// with_matrix: false for `suite` (cases name their matrices).
void add_run_options(CLI::App& cmd, RunArgs& args, bool with_matrix);
Result<app::TestOptions> to_test_options(const RunArgs& args, const GlobalOptions& global);
// Runs the app, prints the summary and the written files; returns the exit code.
int run_and_print(const RunArgs& args, const GlobalOptions& global, const app::TestOptions& options,
                  bool suite);

}  // namespace bpfcompat::cli
