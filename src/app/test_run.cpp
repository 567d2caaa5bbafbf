#include "bpfcompat/app/test_run.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "bpfcompat/config/suite.h"
#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/sha256.h"
#include "bpfcompat/report/outputs.h"
#include "bpfcompat/report/report.h"
#include "bpfcompat/sources/cache.h"
#include "busybox_locator.h"
#include "cloud_target.h"
#include "kernel_target.h"
#include "run_identity.h"
#include "run_plan.h"
#include "validator_locator.h"

namespace bpfcompat::app {
namespace {

namespace fs = std::filesystem;

std::vector<std::vector<report::TargetReport>> run_targets(const RunPlan& plan,
                                                           const KernelTargetContext& shared,
                                                           int jobs) {
  std::vector<std::vector<report::TargetReport>> results(plan.jobs.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < plan.jobs.size(); i = next++) {
      KernelTargetContext ctx = shared;
      const ProfileJob& job = plan.jobs[i];
      ctx.entry = &job.entry;
      for (std::size_t c : job.cases) ctx.cases.push_back(&plan.cases[c]);
      ctx.evidence_dir = shared.evidence_dir + "/" + ctx.entry->profile.id;
      results[i] = ctx.entry->profile.lane == config::Lane::kCloudImage ? run_cloud_target(ctx)
                                                                        : run_kernel_target(ctx);
    }
  };
  std::vector<std::thread> threads;
  int n = std::max(1, std::min<int>(jobs, static_cast<int>(plan.jobs.size())));
  for (int t = 0; t < n; ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  return results;
}

bool plan_needs_busybox(const RunPlan& plan) {
  for (const auto& job : plan.jobs) {
    if (job.entry.profile.lane != config::Lane::kKernel) continue;
    for (std::size_t c : job.cases) {
      if (plan.cases[c].needs_shell()) return true;
    }
  }
  return false;
}

Result<void> append_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::app | std::ios::binary);
  if (!out) return infrastructure_error(fmt::format("{}: cannot open for appending", path));
  out << text;
  if (!out.flush()) return infrastructure_error(fmt::format("{}: write failed", path));
  return {};
}

// Every output is rendered before any is written, so a rendering problem leaves no partial set.
Result<void> write_outputs(const report::RunReport& rep, const TestOptions& options,
                           const std::string& run_json) {
  std::string json = report::to_json(rep);
  std::vector<std::pair<std::string, std::string>> files = {{run_json, json}};
  if (!options.out_json.empty()) files.emplace_back(options.out_json, json);
  if (!options.out_markdown.empty()) {
    files.emplace_back(options.out_markdown, report::to_markdown(rep));
  }
  if (!options.out_junit.empty()) files.emplace_back(options.out_junit, report::to_junit(rep));
  if (!options.out_html.empty()) files.emplace_back(options.out_html, report::to_html(rep));
  for (const auto& [path, text] : files) {
    if (auto r = write_file_atomic(path, text); !r) return r;
  }
  if (!options.github_step_summary.empty()) {
    return append_file(options.github_step_summary, report::to_job_summary(rep));
  }
  return {};
}

Result<TestOutcome> execute(RunPlan plan, const TestOptions& options, EventSink& events,
                            report::RunReport rep) {
  apply_shard(plan, options.shard_index, options.shard_count);
  auto validator = locate_validator(options.validator, options.exe_path);
  if (!validator) return std::move(validator).error();
  std::string busybox;
  if (plan_needs_busybox(plan)) {
    auto found = locate_busybox();
    if (!found) return std::move(found).error();
    busybox = *found;
  }
  std::string cache_root =
      options.cache_dir.empty() ? sources::Cache::default_root() : options.cache_dir;
  auto accel =
      vm::choose_accelerator(options.accel, options.qemu_binary, cache_root + "/accel-probe.txt");
  if (!accel) return std::move(accel).error();

  rep.run_id = new_run_id();
  rep.started_at = utc_now_rfc3339();
  rep.tool_version = BPFCOMPAT_VERSION;
  rep.matrix_name = plan.matrix_name;
  rep.matrix_path = plan.matrix_path;
  rep.mode = plan.cases.empty() ? "load_attach" : plan.cases.front().mode;
  for (const auto& c : plan.cases) {
    if (c.mode != rep.mode) rep.mode = "mixed";  // a suite whose cases differ
  }
  rep.run_dir = fs::absolute(run_dir_for(options.workdir, rep.run_id)).lexically_normal().string();
  rep.artifacts = plan.artifacts;
  for (const auto& c : plan.cases) rep.cases.push_back(c.info());
  rep.shard_index = options.shard_count > 0 ? options.shard_index : 0;
  rep.shard_count = std::max(0, options.shard_count);
  rep.validator_sha256 = sha256_file(*validator).value_or("");
  rep.validator_version = BPFCOMPAT_VERSION;
  events.on_event({EventKind::kRunStarted, "", rep.run_dir});
  events.on_event({EventKind::kAccelerator, "",
                   fmt::format("{}: {}", vm::accel_name(accel->accel), accel->reason)});

  sources::Cache cache(cache_root);
  KernelTargetContext shared;
  shared.validator_path = *validator;
  shared.qemu_binary = options.qemu_binary;
  shared.evidence_dir = rep.run_dir;
  shared.cache = &cache;
  shared.accel = *accel;
  shared.timeout = options.timeout;
  shared.keep = options.keep;
  shared.events = &events;
  shared.busybox = busybox;
  // One client key per run, shared by every cloud-image target; it lives only in memory and in
  // the guests' authorized_keys.
  std::optional<transport::SshKeyPair> client_key;
  if (std::any_of(plan.jobs.begin(), plan.jobs.end(), [](const auto& j) {
        return j.entry.profile.lane == config::Lane::kCloudImage;
      })) {
    auto key = transport::generate_ed25519_key("bpfcompat-" + rep.run_id);
    if (!key) return std::move(key).error();
    client_key = std::move(*key);
    shared.client_key = &*client_key;
  }
  int jobs = options.jobs > 0 ? options.jobs : default_jobs();
  for (auto& per_profile : run_targets(plan, shared, jobs)) {
    for (auto& t : per_profile) rep.targets.push_back(std::move(t));
  }
  rep.interrupted = cancelled();
  rep.finished_at = utc_now_rfc3339();

  TestOutcome outcome;
  outcome.report_json_path = rep.run_dir + "/report.json";
  if (auto w = write_outputs(rep, options, outcome.report_json_path); !w) {
    return std::move(w).error();
  }
  outcome.exit_code = report::report_exit_code(rep);
  outcome.summary = report::to_summary_table(rep, isatty(STDOUT_FILENO) != 0);
  return outcome;
}

}  // namespace

int default_jobs() {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  long pages = sysconf(_SC_AVPHYS_PAGES);
  long page_size = sysconf(_SC_PAGESIZE);
  long by_memory = (pages > 0 && page_size > 0) ? (pages * page_size) / (400L << 20) : 1;
  return static_cast<int>(std::max(1L, std::min(cores, by_memory)));
}

Result<TestOutcome> run_test(const TestOptions& options, EventSink& events) {
  auto plan = plan_test(options);
  if (!plan) return std::move(plan).error();
  return execute(std::move(*plan), options, events, report::RunReport{});
}

Result<TestOutcome> run_suite(const TestOptions& options, EventSink& events) {
  auto suite = config::load_suite(options.suite_path);
  if (!suite) return std::move(suite).error();
  auto plan = plan_suite(*suite, options);
  if (!plan) return std::move(plan).error();
  report::RunReport rep;
  rep.suite_name = suite->name;
  rep.suite_path = suite->path;
  TestOptions effective = options;
  if (effective.workdir == ".bpfcompat" && !suite->defaults.workdir.empty()) {
    effective.workdir = suite->defaults.workdir;  // the CLI's --workdir wins when given
  }
  if (effective.jobs <= 0 && suite->defaults.jobs > 0) effective.jobs = suite->defaults.jobs;
  // One boot serves every case of a profile: its budget is the largest any case asks for.
  for (const auto& c : suite->cases) {
    if (c.timeout && *c.timeout > effective.timeout) effective.timeout = *c.timeout;
  }
  return execute(std::move(*plan), effective, events, std::move(rep));
}

}  // namespace bpfcompat::app
