// The options `test`, `test-command` and `suite` share (outputs and run options), registered
// once and turned into the app's request, settings and the outputs the CLI writes.
#pragma once

#include <string>

#include "bpfcompat/app/run.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/report/render.h"
#include "commands.h"
#include "outputs.h"

namespace CLI {
class App;
}

namespace bpfcompat::cli {

struct RunArgs {
  std::string matrix;
  bool quick = false;
  report::OutputRequest outputs;  // the job summary is taken from $GITHUB_STEP_SUMMARY
  int jobs = 0;
  std::string timeout;  // empty: the suite's, else 5m
  std::string accel, cache_dir, workdir, mode, validator, shard;
  bool keep = false;
  bool fail_on_stale = false;
};

// with_matrix: false for `suite` (cases name their matrices).
void add_run_options(CLI::App& cmd, RunArgs& args, bool with_matrix);

// The request's matrix (a file, or a shipped matrix by name), mode and shard from the run
// options (the caller adds what to run).
Result<plan::PlanRequest> to_request(const RunArgs& args, const GlobalOptions& global);
Result<app::RunSettings> to_settings(const RunArgs& args, const GlobalOptions& global);

// Checks the outputs before anything boots, runs the app, writes the outputs, prints the
// summary and where the files are; returns the exit code.
int run_and_print(const RunArgs& args, const GlobalOptions& global,
                  const plan::PlanRequest& request);

}  // namespace bpfcompat::cli
