#include "bpfcompat/app/test_run.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "artifact_check.h"
#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/sha256.h"
#include "bpfcompat/report/report.h"
#include "bpfcompat/sources/cache.h"
#include "cloud_target.h"
#include "kernel_target.h"
#include "run_identity.h"
#include "validator_locator.h"

namespace bpfcompat::app {
namespace {

namespace fs = std::filesystem;

Result<std::vector<report::ArtifactInfo>> check_artifacts(const std::vector<std::string>& paths) {
  if (paths.empty()) return invalid_input("no artifact given", "pass --artifact FILE.bpf.o");
  std::vector<report::ArtifactInfo> out;
  for (const auto& p : paths) {
    auto info = check_artifact(p);
    if (!info) return std::move(info).error();
    // Names identify artifacts in the guest protocol and the report: keep them unique.
    std::string name = info->name;
    for (int n = 2; std::any_of(out.begin(), out.end(), [&](auto& a) { return a.name == name; });
         ++n) {
      name = fmt::format("{}#{}", info->name, n);
    }
    info->name = name;
    out.push_back(std::move(*info));
  }
  return out;
}

std::vector<std::vector<report::TargetReport>> run_targets(const config::Matrix& matrix,
                                                           KernelTargetContext shared, int jobs) {
  std::vector<std::vector<report::TargetReport>> results(matrix.entries.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < matrix.entries.size(); i = next++) {
      KernelTargetContext ctx = shared;
      ctx.entry = &matrix.entries[i];
      ctx.evidence_dir = shared.evidence_dir + "/" + ctx.entry->profile.id;
      results[i] = ctx.entry->profile.lane == config::Lane::kCloudImage ? run_cloud_target(ctx)
                                                                        : run_kernel_target(ctx);
    }
  };
  std::vector<std::thread> threads;
  int n = std::max(1, std::min<int>(jobs, static_cast<int>(matrix.entries.size())));
  for (int t = 0; t < n; ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  return results;
}

Result<void> check_lanes(const config::Matrix& matrix) {
  for (const auto& e : matrix.entries) {
    if (e.profile.lane == config::Lane::kHost) {
      return invalid_input(
          fmt::format("{}: profile '{}' uses lane '{}', which this version cannot run yet",
                      matrix.path.empty() ? "matrix" : matrix.path, e.profile.id,
                      config::lane_name(e.profile.lane)),
          "use kernel or cloud-image profiles");
    }
  }
  return {};
}

Result<void> write_outputs(const report::RunReport& rep, const TestOptions& options,
                           const std::string& run_json) {
  std::string json = report::to_json(rep);
  if (auto r = write_file_atomic(run_json, json); !r) return r;
  if (!options.out_json.empty()) {
    if (auto r = write_file_atomic(options.out_json, json); !r) return r;
  }
  if (!options.out_markdown.empty()) {
    if (auto r = write_file_atomic(options.out_markdown, report::to_markdown(rep)); !r) return r;
  }
  return {};
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
  auto artifacts = check_artifacts(options.artifacts);
  if (!artifacts) return std::move(artifacts).error();
  auto matrix = options.matrix_path ? config::load_matrix(*options.matrix_path)
                                    : Result<config::Matrix>(config::default_matrix());
  if (!matrix) return std::move(matrix).error();
  if (auto ok = check_lanes(*matrix); !ok) return std::move(ok).error();
  auto validator = locate_validator(options.validator, options.exe_path);
  if (!validator) return std::move(validator).error();
  std::string cache_root =
      options.cache_dir.empty() ? sources::Cache::default_root() : options.cache_dir;
  auto accel =
      vm::choose_accelerator(options.accel, options.qemu_binary, cache_root + "/accel-probe.txt");
  if (!accel) return std::move(accel).error();

  report::RunReport rep;
  rep.run_id = new_run_id();
  rep.started_at = utc_now_rfc3339();
  rep.tool_version = BPFCOMPAT_VERSION;
  rep.matrix_name = matrix->name;
  rep.matrix_path = matrix->path;
  rep.mode = classify::mode_name(options.mode);
  rep.run_dir = fs::absolute(run_dir_for(options.workdir, rep.run_id)).lexically_normal().string();
  rep.artifacts = *artifacts;
  rep.validator_sha256 = sha256_file(*validator).value_or("");
  rep.validator_version = BPFCOMPAT_VERSION;
  events.on_event({EventKind::kRunStarted, "", rep.run_dir});
  events.on_event({EventKind::kAccelerator, "",
                   fmt::format("{}: {}", vm::accel_name(accel->accel), accel->reason)});

  sources::Cache cache(cache_root);
  KernelTargetContext shared;
  shared.artifacts = &rep.artifacts;
  shared.validator_path = *validator;
  shared.qemu_binary = options.qemu_binary;
  shared.evidence_dir = rep.run_dir;
  shared.cache = &cache;
  shared.accel = *accel;
  shared.timeout = options.timeout;
  shared.mode = options.mode;
  shared.keep = options.keep;
  shared.events = &events;
  // One client key per run, shared by every cloud-image target; it lives only in memory and in
  // the guests' authorized_keys.
  std::optional<transport::SshKeyPair> client_key;
  if (std::any_of(matrix->entries.begin(), matrix->entries.end(),
                  [](const auto& e) { return e.profile.lane == config::Lane::kCloudImage; })) {
    auto key = transport::generate_ed25519_key("bpfcompat-" + rep.run_id);
    if (!key) return std::move(key).error();
    client_key = std::move(*key);
    shared.client_key = &*client_key;
  }
  int jobs = options.jobs > 0 ? options.jobs : default_jobs();
  for (auto& per_profile : run_targets(*matrix, shared, jobs)) {
    for (auto& t : per_profile) rep.targets.push_back(std::move(t));
  }
  rep.interrupted = cancelled();
  rep.finished_at = utc_now_rfc3339();

  TestOutcome outcome;
  outcome.report_json_path = rep.run_dir + "/report.json";
  if (auto w = write_outputs(rep, options, outcome.report_json_path); !w)
    return std::move(w).error();
  outcome.exit_code = report::exit_code(rep);
  outcome.summary = report::to_summary_table(rep, isatty(STDOUT_FILENO) != 0);
  return outcome;
}

}  // namespace bpfcompat::app
