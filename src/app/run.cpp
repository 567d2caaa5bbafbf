// The run: plan → machine checks → one worker per VM slot → one report.
#include "bpfcompat/app/run.h"
#include "bpfcompat/app/matrices.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/sha256.h"
#include "bpfcompat/report/outputs.h"
#include "bpfcompat/sources/cache.h"
#include "bpfcompat/vm/kernel_boot.h"
#include "busybox_locator.h"
#include "case_staging.h"
#include "plan_loader.h"
#include "run_identity.h"
#include "target_runner.h"
#include "validator_locator.h"

namespace bpfcompat::app {
namespace {

namespace fs = std::filesystem;

constexpr std::chrono::seconds kDefaultTimeout{300};

std::vector<std::vector<report::TargetReport>> run_targets(const plan::RunPlan& plan,
                                                           const TargetContext& shared, int jobs) {
  std::vector<std::vector<report::TargetReport>> results(plan.jobs.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < plan.jobs.size(); i = next++) {
      TargetContext ctx = shared;
      const plan::ProfileJob& job = plan.jobs[i];
      ctx.entry = &job.entry;
      for (std::size_t c : job.cases) ctx.cases.push_back(&plan.cases[c]);
      ctx.evidence_dir = shared.evidence_dir + "/" + ctx.entry->profile.id;
      ctx.timeout = plan.boot_budget(job, shared.timeout);
      results[i] = run_target(*make_lane(ctx), ctx);
    }
  };
  std::vector<std::thread> threads;
  int n = std::max(1, std::min<int>(jobs, static_cast<int>(plan.jobs.size())));
  for (int t = 0; t < n; ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  return results;
}

bool plan_needs_busybox(const plan::RunPlan& plan) {
  for (const auto& job : plan.jobs) {
    if (job.entry.profile.lane != config::Lane::kKernel) continue;
    for (std::size_t c : job.cases) {
      if (plan.cases[c].needs_shell()) return true;
    }
  }
  return false;
}

bool plan_has_lane(const plan::RunPlan& plan, config::Lane lane) {
  return std::any_of(plan.jobs.begin(), plan.jobs.end(),
                     [&](const auto& j) { return j.entry.profile.lane == lane; });
}

// The report's fields known before the first boot.
report::RunReport report_header(const plan::RunPlan& plan, const RunSettings& settings,
                                const LoadedRequest& loaded, const std::string& validator) {
  report::RunReport rep;
  if (loaded.suite) {
    rep.suite_name = loaded.suite->name;
    rep.suite_path = loaded.suite->path;
  }
  rep.run_id = new_run_id();
  rep.started_at = utc_now_rfc3339();
  rep.tool_version = BPFCOMPAT_VERSION;
  rep.matrix_name = plan.matrix_name;
  rep.matrix_path = plan.matrix_path;
  rep.mode = plan.mode_label();
  rep.run_dir =
      fs::absolute(run_dir_for(*settings.workdir, rep.run_id)).lexically_normal().string();
  for (const auto& a : plan.artifacts) rep.artifacts.push_back({a.name, a.path, a.sha256});
  for (const auto& c : plan.cases) rep.cases.push_back(case_info(c));
  rep.shard_index = loaded.inputs.shard.count > 0 ? loaded.inputs.shard.index : 0;
  rep.shard_count = std::max(0, loaded.inputs.shard.count);
  rep.validator_sha256 = sha256_file(validator).value_or("");
  rep.validator_version = BPFCOMPAT_VERSION;
  return rep;
}

}  // namespace

int default_jobs() {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  long pages = sysconf(_SC_AVPHYS_PAGES);
  long page_size = sysconf(_SC_PAGESIZE);
  long by_memory = (pages > 0 && page_size > 0) ? (pages * page_size) / (400L << 20) : 1;
  return static_cast<int>(std::max(1L, std::min(cores, by_memory)));
}

RunSettings with_suite_defaults(RunSettings s, const config::SuiteDefaults& d) {
  if (!s.workdir && !d.workdir.empty()) s.workdir = d.workdir;
  if (!s.jobs && d.jobs > 0) s.jobs = d.jobs;
  if (!s.timeout && d.timeout) s.timeout = d.timeout;
  return s;
}

Result<RunOutcome> run(const plan::PlanRequest& request, const RunSettings& given,
                       EventSink& events) {
  auto loaded = load_request(request, shipped_profile_catalog(given.exe_path));
  if (!loaded) return std::move(loaded).error();
  return run_loaded(*loaded, given, events);
}

Result<RunOutcome> run_loaded(const LoadedRequest& loaded, const RunSettings& given,
                              EventSink& events) {
  auto plan = plan_request(loaded);
  if (!plan) return std::move(plan).error();
  RunSettings settings = loaded.suite ? with_suite_defaults(given, loaded.suite->defaults) : given;
  if (!settings.workdir) settings.workdir = ".bpfcompat";

  auto validator = locate_validator(settings.validator, settings.exe_path);
  if (!validator) return std::move(validator).error();
  std::string busybox;
  if (plan_needs_busybox(*plan)) {
    auto found = locate_busybox();
    if (!found) return std::move(found).error();
    busybox = *found;
  }
  // Every profile boots with the same QEMU: a missing one is one error before the first boot.
  if (auto qemu = vm::require_qemu(settings.qemu_binary); !qemu) return std::move(qemu).error();
  std::string cache_root =
      settings.cache_dir.empty() ? sources::Cache::default_root() : settings.cache_dir;
  auto accel =
      vm::choose_accelerator(settings.accel, settings.qemu_binary, cache_root + "/accel-probe.txt");
  if (!accel) return std::move(accel).error();

  RunOutcome outcome;
  report::RunReport& rep = outcome.report;
  rep = report_header(*plan, settings, loaded, *validator);
  if (accel->kvm_unusable) {  // one warning line; the probe's raw QEMU output is evidence
    std::string evidence = rep.run_dir + "/kvm-probe.log";
    std::error_code ec;
    fs::create_directories(rep.run_dir, ec);
    (void)write_file_atomic(evidence, accel->reason + "\n" + accel->probe_output);
    events.on_event({EventKind::kWarning, "",
                     fmt::format("{}; details: {}", vm::tcg_fallback_warning(*accel), evidence)});
  }
  events.on_event({EventKind::kRunStarted, "", rep.run_dir});
  if (!accel->kvm_unusable) {
    events.on_event({EventKind::kAccelerator, "",
                     fmt::format("{}: {}", vm::accel_name(accel->accel), accel->reason)});
  }

  sources::Cache cache(cache_root);
  TargetContext shared;
  shared.validator_path = *validator;
  shared.qemu_binary = settings.qemu_binary;
  shared.evidence_dir = rep.run_dir;
  shared.cache = &cache;
  shared.accel = *accel;
  shared.timeout = settings.timeout.value_or(kDefaultTimeout);
  shared.keep = settings.keep;
  shared.events = &events;
  shared.busybox = busybox;
  // One client key per run, shared by every cloud-image target; it lives only in memory and in
  // the guests' authorized_keys.
  std::optional<transport::SshKeyPair> client_key;
  if (plan_has_lane(*plan, config::Lane::kCloudImage)) {
    auto key = transport::generate_ed25519_key("bpfcompat-" + rep.run_id);
    if (!key) return std::move(key).error();
    client_key = std::move(*key);
    shared.client_key = &*client_key;
  }
  int jobs = settings.jobs.value_or(default_jobs());
  for (auto& per_profile : run_targets(*plan, shared, jobs)) {
    for (auto& t : per_profile) rep.targets.push_back(std::move(t));
  }
  rep.interrupted = cancelled();
  rep.fail_on_stale = settings.fail_on_stale;
  rep.finished_at = utc_now_rfc3339();
  outcome.exit_code = report::report_exit_code(rep);  // the suite roll-up for suites
  outcome.report_json_path = rep.run_dir + "/report.json";
  if (auto w = write_file_atomic(outcome.report_json_path, report::to_json(rep)); !w) {
    return std::move(w).error();
  }
  return outcome;
}

}  // namespace bpfcompat::app
