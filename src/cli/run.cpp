#include "bpfcompat/cli/run.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/exit_codes.h"
#include "commands.h"
#include "logging.h"

namespace bpfcompat::cli {

int run(int argc, char** argv) {
  CLI::App app{
      "bpfcompat: will this eBPF object load and attach on the kernels your users run?\n"
      "Boots real vendor kernels in disposable QEMU VMs and runs a real load + attach in each.",
      "bpfcompat"};
  app.require_subcommand(1);
  app.fallthrough();
  GlobalOptions global;
  global.argv0 = argc > 0 ? argv[0] : "bpfcompat";
  int verbose = 0;
  bool quiet = false;
  app.add_flag("-v,--verbose", verbose,
               "Log to stderr: -v kernel resolution, downloads (with sizes) and cache hits; -vv "
               "also QEMU command lines and the console tail of a failed boot");
  app.add_flag("-q,--quiet", quiet, "Only errors, warnings and the final summary");
  app.footer(
      "Exit codes: 0 compatible, 2 a required kernel incompatible, 1 infrastructure error,\n"
      "64 invalid usage or input, 130 interrupted. Docs: docs/ in the source tree.");

  Action action;
  add_test_command(app, global, action);
  add_test_command_command(app, global, action);
  add_suite_command(app, global, action);
  add_report_command(app, action);
  add_matrix_command(app, global, action);
  add_inspect_command(app, action);
  add_sweep_command(app, global, action);
  add_version_command(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "bpfcompat: error: {}\nhint: run '{} --help' for usage\n", e.what(),
               app.get_subcommands().empty() ? std::string("bpfcompat")
                                             : "bpfcompat " + app.get_subcommands()[0]->get_name());
    return kExitUsage;
  }
  global.verbosity = quiet ? -1 : verbose;
  setup_logging(global.verbosity);
  install_cancellation_handlers();
  return action ? action() : kExitUsage;
}

}  // namespace bpfcompat::cli
