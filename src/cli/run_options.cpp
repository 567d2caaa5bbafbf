#include "run_options.h"

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/exit_codes.h"
#include "logging.h"
#include "progress.h"

namespace bpfcompat::cli {
namespace {

Result<classify::Mode> parse_mode(const std::string& text) {
  if (text == "load_only" || text == "load-only" || text == "loadonly") {
    return classify::Mode::kLoadOnly;
  }
  if (text == "load_attach" || text == "load-attach" || text == "loadattach") {
    return classify::Mode::kLoadAttach;
  }
  if (text == "behavior" || text == "behaviour") return classify::Mode::kBehavior;
  return invalid_input(fmt::format("--mode: '{}' is not a mode", text),
                       "use load_only, load_attach or behavior");
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
    auto* matrix = cmd.add_option("-m,--matrix", args.matrix,
                                  "Matrix YAML (default: the built-in matrix, see --quick)");
    cmd.add_flag("--quick", args.quick,
                 "Use the built-in matrix: Debian 11, 12, 13 (required) and unstable (optional)")
        ->excludes(matrix);
  }
  cmd.add_option("-o,--out", args.out, "Write the JSON report here too");
  cmd.add_option("--markdown", args.markdown, "Write a Markdown report");
  cmd.add_option("--junit", args.junit, "Write a JUnit XML report (one testcase per program)");
  cmd.add_option("--html", args.html, "Write a self-contained HTML report");
  cmd.add_option("-j,--jobs,--concurrency", args.jobs,
                 "VMs in parallel (default: from cores and memory)")
      ->check(CLI::Range(1, 64));
  cmd.add_option("--timeout", args.timeout, "Per-target time limit, e.g. 300s, 5m")
      ->capture_default_str();
  cmd.add_option("--accel", args.accel,
                 "auto|kvm|tcg (default: $BPFCOMPAT_ACCEL or auto: KVM only if a probe works)");
  cmd.add_option("--mode,--validation-mode", args.mode,
                 "load_attach (default), load_only, or behavior (run the manifest's functional "
                 "tests while attached; the default when a manifest has some)");
  cmd.add_option("--shard", args.shard,
                 "Run only shard I of N (profiles split round-robin); join with report merge");
  cmd.add_option("--cache-dir", args.cache_dir,
                 "Kernel and image cache (default: $XDG_CACHE_HOME/bpfcompat)");
  cmd.add_option("--workdir", args.workdir, "Where run directories and evidence go")
      ->capture_default_str();
  cmd.add_flag("--keep", args.keep, "Keep the initramfs, overlays and work files for debugging");
  cmd.add_option("--validator", args.validator, "Validator binary (default: next to bpfcompat)");
}

Result<app::TestOptions> to_test_options(const RunArgs& a, const GlobalOptions& global) {
  app::TestOptions o;
  if (!a.matrix.empty()) o.matrix_path = a.matrix;
  o.out_json = a.out;
  o.out_markdown = a.markdown;
  o.out_junit = a.junit;
  o.out_html = a.html;
  if (const char* s = std::getenv("GITHUB_STEP_SUMMARY"); s && *s) o.github_step_summary = s;
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
  if (!a.mode.empty()) {
    auto mode = parse_mode(a.mode);
    if (!mode) return std::move(mode).error();
    o.mode = *mode;
  }
  if (!a.shard.empty()) {
    auto shard = parse_shard(a.shard);
    if (!shard) return std::move(shard).error();
    o.shard_index = shard->first;
    o.shard_count = shard->second;
  }
  o.cache_dir = a.cache_dir;
  o.workdir = a.workdir;
  o.keep = a.keep;
  o.validator = a.validator;
  if (const char* qemu = std::getenv("BPFCOMPAT_QEMU"); qemu && *qemu) o.qemu_binary = qemu;
  o.exe_path = global.argv0;
  return o;
}

int run_and_print(const RunArgs& args, const GlobalOptions& global, const app::TestOptions& options,
                  bool suite) {
  ProgressPrinter progress(global.verbosity);
  auto outcome = suite ? app::run_suite(options, progress) : app::run_test(options, progress);
  if (!outcome) {
    if (cancelled()) return kExitInterrupted;
    return report_error(outcome.error());
  }
  fmt::print("{}", outcome->summary);
  fmt::print("report: {}\n", outcome->report_json_path);
  if (!args.out.empty()) fmt::print("json:   {}\n", args.out);
  if (!args.markdown.empty()) fmt::print("markdown: {}\n", args.markdown);
  if (!args.junit.empty()) fmt::print("junit:  {}\n", args.junit);
  if (!args.html.empty()) fmt::print("html:   {}\n", args.html);
  std::fflush(stdout);
  return outcome->exit_code;
}

}  // namespace bpfcompat::cli
