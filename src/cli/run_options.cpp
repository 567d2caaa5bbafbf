#include "run_options.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "bpfcompat/app/matrices.h"
#include "bpfcompat/config/case_mode.h"
#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/exit_codes.h"
#include "bpfcompat/report/render.h"
#include "logging.h"
#include "progress.h"

namespace bpfcompat::cli {
namespace {

Result<config::CaseMode> parse_mode(const std::string& text) {
  if (auto mode = config::parse_case_mode(text)) return *mode;
  return invalid_input(fmt::format("--mode: '{}' is not a mode", text),
                       fmt::format("use one of {}", config::case_mode_choices()));
}

Result<std::pair<int, int>> parse_shard(const std::string& text) {
  int i = 0, n = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%d/%d%c", &i, &n, &extra) != 2 || n < 1 || i < 1 || i > n) {
    return invalid_input(fmt::format("--shard: '{}' is not I/N with 1 ≤ I ≤ N", text),
                         "e.g. --shard 1/2 in one job and --shard 2/2 in another, then "
                         "bpfcompat report merge");
  }
  return std::make_pair(i, n);
}

}  // namespace

void add_run_options(CLI::App& cmd, RunArgs& args, bool with_matrix) {
  if (with_matrix) {
    auto* matrix =
        cmd.add_option("-m,--matrix", args.matrix,
                       "Matrix YAML file, or a shipped matrix by name (`bpfcompat matrix "
                       "list`; default: the built-in matrix, see --quick)");
    cmd.add_flag("--quick", args.quick,
                 "Use the built-in matrix: Debian 11, 12, 13 (required) and unstable (optional)")
        ->excludes(matrix);
  }
  cmd.add_option("-o,--out", args.outputs.json, "Write the JSON report here too");
  cmd.add_option("--markdown", args.outputs.markdown, "Write a Markdown report");
  cmd.add_option("--junit", args.outputs.junit,
                 "Write a JUnit XML report (one testcase per program)");
  cmd.add_option("--html", args.outputs.html, "Write a self-contained HTML report");
  cmd.add_option("-j,--jobs,--concurrency", args.jobs,
                 "VMs in parallel (default: from cores and memory)")
      ->check(CLI::Range(1, 64));
  cmd.add_option("--timeout", args.timeout,
                 "Per-target time limit, e.g. 300s, 5m (default: the suite's, else 5m)");
  cmd.add_option("--accel", args.accel,
                 "auto|kvm|tcg (default: $BPFCOMPAT_ACCEL or auto: KVM only if a probe works)");
  cmd.add_option("--mode,--validation-mode", args.mode,
                 "load_attach (default), load_only, or behavior (run the manifest's functional "
                 "tests while attached; the default when a manifest has some)");
  cmd.add_option("--shard", args.shard,
                 "Run only shard I of N (profiles split round-robin); join with report merge");
  cmd.add_option("--cache-dir", args.cache_dir,
                 "Kernel and image cache (default: $XDG_CACHE_HOME/bpfcompat)");
  cmd.add_option("--workdir", args.workdir,
                 "Where run directories and evidence go (default: the suite's, else .bpfcompat)");
  cmd.add_flag("--keep", args.keep, "Keep the initramfs, overlays and work files for debugging");
  cmd.add_flag("--fail-on-stale", args.fail_on_stale,
               "Exit 3 when everything passed but a required profile pins a `version` older than "
               "the newest its apt/rpm index offers (1, 2 and 130 still win)");
  cmd.add_option("--validator", args.validator, "Validator binary (default: next to bpfcompat)");
}

Result<plan::PlanRequest> to_request(const RunArgs& a, const GlobalOptions& global) {
  plan::PlanRequest r;
  if (!a.matrix.empty()) {
    auto matrix = app::resolve_matrix_argument(a.matrix, global.argv0);
    if (!matrix) return invalid_input("--matrix: " + matrix.error().message, matrix.error().hint);
    r.matrix = *matrix;
  }
  if (!a.mode.empty()) {
    auto mode = parse_mode(a.mode);
    if (!mode) return std::move(mode).error();
    r.mode = *mode;
  }
  if (!a.shard.empty()) {
    auto shard = parse_shard(a.shard);
    if (!shard) return std::move(shard).error();
    r.shard = {shard->first, shard->second};
  }
  return r;
}

Result<app::RunSettings> to_settings(const RunArgs& a, const GlobalOptions& global) {
  app::RunSettings o;
  if (a.jobs > 0) o.jobs = a.jobs;
  if (!a.timeout.empty()) {
    auto timeout = config::parse_duration(a.timeout);
    if (!timeout) return invalid_input("--timeout: " + timeout.error().message);
    o.timeout = *timeout;
  }
  std::string accel = a.accel;
  if (accel.empty()) {
    const char* env = std::getenv("BPFCOMPAT_ACCEL");
    accel = (env && *env) ? env : "auto";
  }
  auto parsed_accel = vm::parse_accel(accel);
  if (!parsed_accel) return std::move(parsed_accel).error();
  o.accel = *parsed_accel;
  o.cache_dir = a.cache_dir;
  if (!a.workdir.empty()) o.workdir = a.workdir;
  o.keep = a.keep;
  o.fail_on_stale = a.fail_on_stale;
  o.validator = a.validator;
  if (const char* qemu = std::getenv("BPFCOMPAT_QEMU"); qemu && *qemu) o.qemu_binary = qemu;
  o.exe_path = global.argv0;
  return o;
}

int run_and_print(const RunArgs& args, const GlobalOptions& global,
                  const plan::PlanRequest& request) {
  auto settings = to_settings(args, global);
  if (!settings) return report_error(settings.error());
  report::OutputRequest outputs = args.outputs;
  if (const char* s = std::getenv("GITHUB_STEP_SUMMARY"); s && *s) outputs.job_summary = s;
  if (auto ok = check_output_paths(outputs); !ok) return report_error(ok.error());
  ProgressPrinter progress(global.verbosity);
  auto outcome = app::run(request, *settings, progress);
  if (!outcome) {
    if (cancelled()) return kExitInterrupted;
    return report_error(outcome.error());
  }
  fmt::print("{}", report::to_summary_table(outcome->report, isatty(STDOUT_FILENO) != 0));
  fmt::print("report: {}\n", outcome->report_json_path);
  std::fflush(stdout);
  auto files = report::render(outcome->report, outputs);
  auto written = report::write_rendered(files);
  if (!written) {
    // The run happened: its summary is above and its report is in the run directory.
    report_error(std::move(written).error().with_context("writing the outputs (the report is at " +
                                                         outcome->report_json_path + ")"));
    return std::max(outcome->exit_code, static_cast<int>(kExitInfrastructure));
  }
  print_written(files);
  std::fflush(stdout);
  return outcome->exit_code;
}

}  // namespace bpfcompat::cli
