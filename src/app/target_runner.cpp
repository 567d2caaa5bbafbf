#include "target_runner.h"

#include <filesystem>

#include <fmt/format.h>

#include "bpfcompat/core/cancellation.h"
#include "target_stages.h"

namespace bpfcompat::app {
namespace {

// What boots, from the lane, and the profile's external BTF, prepared here once for every lane.
struct Prepared {
  std::string progress;  // the "prepared" progress text
  std::string btf;       // the external BTF on the host, or ""
};

Result<Prepared> prepare_once(Lane& lane, const TargetContext& ctx, TargetAssembly& out) {
  auto prepared = lane.prepare(out);
  if (!prepared) return std::move(prepared).error();
  auto btf = prepare_external_btf(ctx);
  if (!btf) return std::move(btf).error();
  return Prepared{std::move(*prepared), std::move(*btf)};
}

// A permanent failure (a download the server answered with 404) fails the same way again: only
// what may pass is retried, and only when the lane thinks it worth it.
Result<Prepared> prepare_with_retry(Lane& lane, const TargetContext& ctx, TargetAssembly& out) {
  auto prepared = prepare_once(lane, ctx, out);
  if (!prepared && !cancelled() && prepared.error().kind == ErrorKind::kInfrastructure &&
      !prepared.error().permanent && lane.retry_preparation(prepared.error())) {
    emit(ctx, EventKind::kRetrying, "preparation failed, retrying: " + prepared.error().describe());
    prepared = prepare_once(lane, ctx, out);
  }
  return prepared;
}

std::vector<report::TargetReport> judge(const BootAttempt& last, TargetAssembly& out,
                                        long total_ms) {
  if (!last.outcome) {
    if (cancelled()) return out.interrupted(total_ms);
    return out.guest_failure(last.error, last.error.code, last.console_tail, total_ms);
  }
  if (cancelled() && !last.outcome->end_marker) return out.interrupted(total_ms);
  if (last.ready_ms >= 0) out.stages().boot_ms = last.ready_ms;
  return out.from_boot(*last.outcome, total_ms);
}

}  // namespace

std::vector<report::TargetReport> run_target(Lane& lane, const TargetContext& ctx) {
  TargetAssembly out(ctx.entry, ctx.cases, ctx.accel, ctx.evidence_dir);
  auto t0 = Clock::now();
  std::error_code ec;
  std::filesystem::create_directories(ctx.evidence_dir, ec);
  if (cancelled()) return out.interrupted(0);

  emit(ctx, EventKind::kPreparing, lane.source());
  auto prepared = prepare_with_retry(lane, ctx, out);
  if (!prepared)
    return out.infrastructure_failure(prepared.error(), "PREPARE_FAILED", ms_since(t0));
  out.stages().prepare_ms = ms_since(t0);
  emit(ctx, EventKind::kPrepared, prepared->progress);

  std::string work_dir = ctx.evidence_dir + "/work";
  auto staged = lane.stage(out, prepared->btf);
  std::optional<BootAttempt> last;
  for (int attempt = 1; staged && attempt <= 2 && !cancelled(); ++attempt) {
    emit(ctx, EventKind::kBooting,
         fmt::format("booting {} ({}), attempt {}", lane.boot_label(),
                     vm::accel_name(ctx.accel.accel), attempt));
    last = lane.boot(attempt);
    out.set_attempts(attempt);
    if (last->retry_reason.empty() || cancelled()) break;
    if (attempt == 1) {
      out.set_retry_reason(last->retry_reason);
      emit(ctx, EventKind::kRetrying, last->retry_reason + "; booting once more");
    }
  }
  if (!ctx.keep) std::filesystem::remove_all(work_dir, ec);
  if (!staged) return out.infrastructure_failure(staged.error(), "STAGING_FAILED", ms_since(t0));
  if (!last) return out.interrupted(ms_since(t0));
  auto reports = judge(*last, out, ms_since(t0));
  emit(ctx, EventKind::kTargetDone, out.summary_line());
  return reports;
}

std::unique_ptr<Lane> make_lane(const TargetContext& ctx) {
  return ctx.entry->profile.lane == config::Lane::kCloudImage ? make_cloud_lane(ctx)
                                                              : make_kernel_lane(ctx);
}

Error with_fallback_code(Error error, const std::string& code) {
  if (error.code.empty()) error.code = code;
  return error;
}

}  // namespace bpfcompat::app
