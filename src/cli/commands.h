// Subcommand registration: each adds itself to the CLI11 app and sets the action to run.
#pragma once

#include <functional>
#include <memory>

namespace CLI {
class App;
}

namespace bpfcompat::cli {

struct GlobalOptions {
  int verbosity = 0;  // -1 quiet, 0 normal, 1 -v, 2 -vv
  const char* argv0 = "bpfcompat";
};

// The action a parsed subcommand runs; returns the exit code.
using Action = std::function<int()>;

void add_test_command(CLI::App& app, const GlobalOptions& global, Action& action);
void add_test_command_command(CLI::App& app, const GlobalOptions& global, Action& action);
void add_suite_command(CLI::App& app, const GlobalOptions& global, Action& action);
void add_report_command(CLI::App& app, Action& action);
void add_version_command(CLI::App& app, Action& action);
void add_matrix_command(CLI::App& app, const GlobalOptions& global, Action& action);
void add_inspect_command(CLI::App& app, Action& action);
void add_sweep_command(CLI::App& app, const GlobalOptions& global, Action& action);

}  // namespace bpfcompat::cli
