#include <cstdlib>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "bpfcompat/app/test_run.h"
#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/exit_codes.h"
#include "commands.h"
#include "logging.h"
#include "progress.h"

namespace bpfcompat::cli {
namespace {

struct TestArgs {
  std::vector<std::string> artifacts;
  std::string matrix;
  bool quick = false;
  std::string out, markdown;
  int jobs = 0;
  std::string timeout = "5m";
  std::string accel;
  std::string cache_dir, workdir = ".bpfcompat", mode = "load_attach", validator;
  bool keep = false;
};

Result<classify::Mode> parse_mode(const std::string& text) {
  if (text == "load_only" || text == "load-only") return classify::Mode::kLoadOnly;
  if (text == "load_attach" || text == "load-attach") return classify::Mode::kLoadAttach;
  return invalid_input(fmt::format("--mode: '{}' is not a mode this version runs", text),
                       "use load_only or load_attach");
}

Result<app::TestOptions> to_options(const TestArgs& a, const GlobalOptions& global) {
  app::TestOptions o;
  o.artifacts = a.artifacts;
  if (!a.matrix.empty()) o.matrix_path = a.matrix;
  o.out_json = a.out;
  o.out_markdown = a.markdown;
  o.jobs = a.jobs;
  auto timeout = config::parse_duration(a.timeout);
  if (!timeout) return invalid_input("--timeout: " + timeout.error().message);
  o.timeout = *timeout;
  std::string accel = a.accel;
  if (accel.empty()) {
    const char* env = std::getenv("BPFCOMPAT_ACCEL");
    accel = (env && *env) ? env : "auto";
  }
  auto parsed_accel = vm::parse_accel(accel);
  if (!parsed_accel) return std::move(parsed_accel).error();
  o.accel = *parsed_accel;
  auto mode = parse_mode(a.mode);
  if (!mode) return std::move(mode).error();
  o.mode = *mode;
  o.cache_dir = a.cache_dir;
  o.workdir = a.workdir;
  o.keep = a.keep;
  o.validator = a.validator;
  if (const char* qemu = std::getenv("BPFCOMPAT_QEMU"); qemu && *qemu) o.qemu_binary = qemu;
  o.exe_path = global.argv0;
  return o;
}

int run_test_command(const TestArgs& args, const GlobalOptions& global) {
  auto options = to_options(args, global);
  if (!options) return report_error(options.error());
  ProgressPrinter progress(global.verbosity);
  auto outcome = app::run_test(*options, progress);
  if (!outcome) {
    if (cancelled()) return kExitInterrupted;
    return report_error(outcome.error());
  }
  fmt::print("{}", outcome->summary);
  fmt::print("report: {}\n", outcome->report_json_path);
  if (!args.out.empty()) fmt::print("json:   {}\n", args.out);
  if (!args.markdown.empty()) fmt::print("markdown: {}\n", args.markdown);
  std::fflush(stdout);
  return outcome->exit_code;
}

}  // namespace

void add_test_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto args = std::make_shared<TestArgs>();
  auto* cmd = app.add_subcommand(
      "test", "Load and attach eBPF objects on every kernel of a matrix; exit code gates CI");
  cmd->add_option("-a,--artifact", args->artifacts, "eBPF object (.bpf.o); repeat for several")
      ->required();
  auto* matrix = cmd->add_option("-m,--matrix", args->matrix,
                                 "Matrix YAML (default: the built-in matrix, see --quick)");
  cmd->add_flag("--quick", args->quick,
                "Use the built-in matrix: Debian 11, 12, 13 (required) and unstable (optional)")
      ->excludes(matrix);
  cmd->add_option("-o,--out", args->out, "Write the JSON report here too");
  cmd->add_option("--markdown", args->markdown, "Write a Markdown report");
  cmd->add_option("-j,--jobs", args->jobs, "VMs in parallel (default: from cores and memory)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--timeout", args->timeout, "Per-target time limit, e.g. 300s, 5m")
      ->capture_default_str();
  cmd->add_option("--accel", args->accel,
                  "auto|kvm|tcg (default: $BPFCOMPAT_ACCEL or auto: KVM only if a probe works)");
  cmd->add_option("--mode", args->mode, "load_attach (default) or load_only")
      ->capture_default_str();
  cmd->add_option("--cache-dir", args->cache_dir,
                  "Kernel cache (default: $XDG_CACHE_HOME/bpfcompat)");
  cmd->add_option("--workdir", args->workdir, "Where run directories and evidence go")
      ->capture_default_str();
  cmd->add_flag("--keep", args->keep, "Keep the initramfs and work files for debugging");
  cmd->add_option("--validator", args->validator, "Validator binary (default: next to bpfcompat)");
  cmd->callback([args, &global, &action] {
    action = [args, &global] { return run_test_command(*args, global); };
  });
}

}  // namespace bpfcompat::cli
