// `test`, `test-command` and `suite`.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "bpfcompat/core/exit_codes.h"
#include "commands.h"
#include "logging.h"
#include "run_options.h"

namespace bpfcompat::cli {
namespace {

struct TestArgs {
  RunArgs run;
  std::vector<std::string> artifacts;
  std::string manifest;
  std::string command, binary;
  int expect_exit = 0;
};

int run_test(const TestArgs& a, const GlobalOptions& global) {
  auto request = to_request(a.run, global);
  if (!request) return report_error(request.error());
  request->artifacts = a.artifacts;
  request->manifest = a.manifest;
  if (!a.command.empty() && !a.run.mode.empty()) {
    return report_error(invalid_input(
        "--mode does not apply to command mode: the verdict is the command's exit code",
        "drop --mode, or test the object itself with bpfcompat test --artifact"));
  }
  if (!a.command.empty()) {
    request->command = plan::CommandRequest{a.command, a.binary, a.expect_exit};
  } else if (!a.binary.empty() || a.expect_exit != 0) {
    return report_error(invalid_input("--command-binary and --command-expect-exit need --command",
                                      "pass --command 'SHELL COMMAND', or use test-command"));
  } else if (a.artifacts.empty()) {
    return report_error(invalid_input("no artifact given",
                                      "pass --artifact FILE.bpf.o (or --command for a loader)"));
  }
  return run_and_print(a.run, global, *request);
}

}  // namespace

void add_test_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto args = std::make_shared<TestArgs>();
  auto* cmd = app.add_subcommand(
      "test", "Load and attach eBPF objects on every kernel of a matrix; exit code gates CI");
  cmd->add_option("-a,--artifact", args->artifacts, "eBPF object (.bpf.o); repeat for several");
  cmd->add_option("--manifest", args->manifest,
                  "Manifest YAML: runtime map sizes, program types, variants, functional tests")
      ->check(CLI::ExistingFile);
  cmd->add_option("--command", args->command,
                  "Command mode: run this shell command as root in each guest; verdict = exit "
                  "code ($BPFCOMPAT_ARTIFACT and $BPFCOMPAT_BIN are set)");
  cmd->add_option("--command-binary", args->binary, "A loader shipped as $BPFCOMPAT_BIN");
  cmd->add_option("--command-expect-exit", args->expect_exit, "Exit code that counts as pass")
      ->check(CLI::Range(0, 255));
  add_run_options(*cmd, args->run, true);
  cmd->callback(
      [args, &global, &action] { action = [args, &global] { return run_test(*args, global); }; });
}

void add_test_command_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto args = std::make_shared<TestArgs>();
  auto* cmd = app.add_subcommand(
      "test-command",
      "Run your own loader in each guest (command mode): pass when it exits as expected");
  cmd->add_option("--cmd", args->command, "Shell command, run as root in each guest")->required();
  cmd->add_option("--bin", args->binary, "A loader shipped into the guest as $BPFCOMPAT_BIN");
  cmd->add_option("-a,--artifact", args->artifacts,
                  "An eBPF object shipped into the guest as $BPFCOMPAT_ARTIFACT")
      ->expected(0, 1);
  cmd->add_option("--expect-exit", args->expect_exit, "Exit code that counts as pass (default 0)")
      ->check(CLI::Range(0, 255));
  add_run_options(*cmd, args->run, true);
  cmd->callback(
      [args, &global, &action] { action = [args, &global] { return run_test(*args, global); }; });
}

void add_suite_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto args = std::make_shared<TestArgs>();
  auto suite = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "suite", "Run a suite of cases (artifacts or commands); one boot per kernel for all");
  cmd->add_option("--suite", *suite, "Suite YAML")->required();
  add_run_options(*cmd, args->run, false);
  cmd->callback([args, suite, &global, &action] {
    action = [args, suite, &global] {
      auto request = to_request(args->run, global);
      if (!request) return report_error(request.error());
      request->suite = *suite;
      return run_and_print(args->run, global, *request);
    };
  });
}

}  // namespace bpfcompat::cli
