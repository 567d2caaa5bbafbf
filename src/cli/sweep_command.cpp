// `bpfcompat sweep`: from which kernel build of a profile on does the object load?
#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "bpfcompat/app/sweep.h"
#include "bpfcompat/config/case_mode.h"
#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/exit_codes.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/sweep/sweep_report.h"
#include "commands.h"
#include "logging.h"
#include "outputs.h"
#include "progress.h"
#include "run_options.h"

namespace bpfcompat::cli {
namespace {

struct SweepArgs {
  RunArgs run;  // only the run options a sweep takes: jobs, timeout, accel, dirs, keep, validator
  app::SweepRequest request;
  std::string json;
};

void print_tested(const sweep::SweepReport& r) {
  fmt::print("sweep {} ({}): {} of {} versions booted ({}), {} boots\n", r.profile_id,
             r.kernel_source, r.tested.size(), r.candidates.size(), r.strategy, r.boots);
  std::size_t width = 0;
  for (const auto& t : r.tested) width = std::max(width, t.version.size());
  for (const auto& t : r.tested) {
    fmt::print("  {:<{}}  {:<7} {}\n", t.version, width, t.verdict, t.detail);
  }
  fmt::print("{}\n", r.summary);
}

int run_sweep(SweepArgs& a, const GlobalOptions& global) {
  auto settings = to_settings(a.run, global);
  if (!settings) return report_error(settings.error());
  if (!a.run.mode.empty()) {
    auto mode = config::parse_case_mode(a.run.mode);
    if (!mode) {
      return report_error(invalid_input(fmt::format("--mode: '{}' is not a mode", a.run.mode),
                                        fmt::format("use one of {}", config::case_mode_choices())));
    }
    a.request.mode = *mode;
  }
  if (!a.json.empty()) {
    if (auto ok = check_output_path("--json", a.json); !ok) return report_error(ok.error());
  }
  ProgressPrinter progress(global.verbosity);
  auto outcome = app::sweep(a.request, *settings, progress);
  if (!outcome) {
    if (cancelled()) return kExitInterrupted;
    return report_error(outcome.error());
  }
  print_tested(outcome->report);
  fmt::print("sweep report: {}\n", outcome->json_path);
  std::fflush(stdout);
  if (!a.json.empty()) {
    if (auto w = write_file_atomic(a.json, sweep::to_json(outcome->report)); !w) {
      report_error(std::move(w).error().with_context("writing --json (the sweep report is at " +
                                                     outcome->json_path + ")"));
      return std::max(outcome->exit_code, static_cast<int>(kExitInfrastructure));
    }
    fmt::print("json:   {}\n", a.json);
  }
  return outcome->exit_code;
}

}  // namespace

void add_sweep_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto args = std::make_shared<SweepArgs>();
  auto* cmd = app.add_subcommand(
      "sweep",
      "From which kernel build of a profile on does the object load? Bisects every version the "
      "profile's apt/rpm index offers to the first one where the verdict changes");
  cmd->add_option("--profile", args->request.profile,
                  "A shipped profile id (matrices/profiles/ID.yaml, e.g. rocky-9), a built-in one "
                  "(debian-12) or a profile file; its kernel must come from apt or rpm")
      ->required();
  cmd->add_option("-a,--artifact", args->request.artifact, "The eBPF object (.bpf.o)")->required();
  cmd->add_option("--manifest", args->request.manifest,
                  "Manifest YAML: runtime map sizes, program types, variants, functional tests")
      ->check(CLI::ExistingFile);
  cmd->add_option("--from", args->request.from,
                  "Oldest version to consider, in the index's own order (default: the oldest)");
  cmd->add_option("--to", args->request.to, "Newest version to consider (default: the newest)");
  cmd->add_flag("--all", args->request.all,
                "Boot every candidate (one boot each, --jobs in parallel) and report every change, "
                "instead of bisecting (about 2 + log2 N boots, assuming one change)");
  cmd->add_option("--json", args->json, "Write the sweep report (JSON) here too");
  RunArgs& r = args->run;
  cmd->add_option("--mode,--validation-mode", r.mode,
                  "load_attach (default), load_only or behavior");
  cmd->add_option("-j,--jobs", r.jobs, "VMs in parallel (default: from cores and memory)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--timeout", r.timeout, "Per-candidate time limit, e.g. 300s, 5m (default 5m)");
  cmd->add_option("--accel", r.accel, "auto|kvm|tcg (default: $BPFCOMPAT_ACCEL or auto)");
  cmd->add_option("--cache-dir", r.cache_dir, "Kernel cache (default: $XDG_CACHE_HOME/bpfcompat)");
  cmd->add_option("--workdir", r.workdir,
                  "Where the sweep's runs go: <workdir>/sweeps/<id>/ (default .bpfcompat)");
  cmd->add_flag("--keep", r.keep, "Keep the initramfs and work files for debugging");
  cmd->add_option("--validator", r.validator, "Validator binary (default: next to bpfcompat)");
  cmd->footer(
      "Exit codes: 0 an answer (the boundary, no change, or every change with --all), 1 no "
      "answer\n(a candidate ended in ERROR — a machine problem is no verdict change — or an "
      "infrastructure\nerror), 64 invalid usage or input, 130 interrupted.");
  cmd->callback(
      [args, &global, &action] { action = [args, &global] { return run_sweep(*args, global); }; });
}

}  // namespace bpfcompat::cli
