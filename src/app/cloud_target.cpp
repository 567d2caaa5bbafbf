#include "cloud_target.h"

#include <filesystem>

#include <fmt/format.h>

#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/sources/image_source.h"
#include "case_staging.h"
#include "cloud_guest.h"
#include "target_assembly.h"
#include "target_stages.h"

namespace bpfcompat::app {
namespace {

// Without a profile's own values: 1 vCPU (two 1-vCPU VMs on two cores run as fast as one
// alone) and 1 GiB (distro cloud images want more than the fixture's 512 MiB).
constexpr int kDefaultCpus = 1;
constexpr int kDefaultMemoryMb = 1024;

Result<sources::PreparedImage> prepare_with_retry(const TargetContext& ctx) {
  auto image = sources::prepare_image(*ctx.cache, ctx.entry->profile);
  if (!image && !cancelled() && image.error().kind == ErrorKind::kInfrastructure &&
      image.error().code != sources::kImageChecksumMismatch) {
    emit(ctx, EventKind::kRetrying,
         "image preparation failed, retrying: " + image.error().describe());
    image = sources::prepare_image(*ctx.cache, ctx.entry->profile);
  }
  return image;
}

CloudAttemptSpec attempt_spec(const TargetContext& ctx, const sources::PreparedImage& image,
                              const std::string& work_dir, int attempt) {
  const auto& p = ctx.entry->profile;
  CloudAttemptSpec s;
  std::string suffix = attempt_suffix(attempt);
  s.vm.qemu_binary = ctx.qemu_binary;
  s.vm.accel = ctx.accel.accel;
  s.vm.cpus = p.cpus > 0 ? p.cpus : kDefaultCpus;
  s.vm.memory_mb = p.memory_mb > 0 ? p.memory_mb : kDefaultMemoryMb;
  s.vm.base_image = std::filesystem::absolute(image.path).string();
  s.vm.base_format = image.format;
  s.vm.seed_path = work_dir + "/seed" + suffix + ".iso";
  s.vm.work_dir = work_dir;
  s.vm.console_log = ctx.evidence_dir + "/serial" + suffix + ".log";
  s.vm.qemu_log = ctx.evidence_dir + "/qemu" + suffix + ".log";
  if (p.boot) {
    s.vm.kernel = p.boot->kernel;
    s.vm.initrd = p.boot->initrd;
    s.vm.append = p.boot->cmdline;
    if (!p.kernel_cmdline.empty()) s.vm.append += " " + p.kernel_cmdline;
  }
  s.vm.keep = ctx.keep;
  s.ssh_user = p.ssh_user;
  s.client_key = ctx.client_key;
  // A fresh instance id per boot: cloud-init treats the overlay as a new instance.
  s.instance_id = fmt::format(
      "bpfcompat-{}-{}-{}",
      std::filesystem::path(ctx.evidence_dir).parent_path().filename().string(), p.id, attempt);
  s.validator_path = ctx.validator_path;
  s.validator_args = validator_args(ctx);
  s.evidence_dir = ctx.evidence_dir;
  s.suffix = suffix;
  return s;
}

}  // namespace

std::vector<report::TargetReport> run_cloud_target(const TargetContext& ctx) {
  TargetAssembly out(ctx.entry, ctx.cases, ctx.accel, ctx.evidence_dir);
  auto t0 = Clock::now();
  std::error_code ec;
  std::string work_dir = ctx.evidence_dir + "/work";
  std::filesystem::create_directories(work_dir, ec);
  if (cancelled()) return out.interrupted(0);

  emit(ctx, EventKind::kPreparing, "image " + ctx.entry->profile.image->describe());
  auto image = prepare_with_retry(ctx);
  if (!image) return out.infrastructure_failure(image.error(), "IMAGE_UNAVAILABLE", ms_since(t0));
  out.stages().prepare_ms = ms_since(t0);
  emit(ctx, EventKind::kPrepared, fmt::format("{} ({})", image->path, image->format));

  auto staged =
      stage_cases(ctx.cases, "/tmp/bpfcompat-", work_dir + "/cases", case_timeout_sec(ctx));
  if (!staged) return out.infrastructure_failure(staged.error(), "STAGING_FAILED", ms_since(t0));
  auto deadline = Clock::now() + ctx.entry->timeout.value_or(ctx.timeout);
  std::optional<CloudAttempt> last;
  for (int attempt = 1; attempt <= 2 && !cancelled(); ++attempt) {
    auto spec = attempt_spec(ctx, *image, work_dir, attempt);
    spec.files = staged->files;
    spec.validator_args.insert(spec.validator_args.end(), staged->args.begin(), staged->args.end());
    spec.deadline = deadline;
    auto host_key = transport::generate_ed25519_key("bpfcompat-guest");
    if (!host_key)
      return out.infrastructure_failure(host_key.error(), "KEYGEN_FAILED", ms_since(t0));
    spec.host_key = std::move(*host_key);
    emit(ctx, EventKind::kBooting,
         fmt::format("booting {} ({}), attempt {}", ctx.entry->profile.id,
                     vm::accel_name(ctx.accel.accel), attempt));
    last = run_cloud_attempt(spec);
    out.set_attempts(attempt);
    if (last->outcome || !last->retryable || cancelled() || Clock::now() >= deadline) break;
    std::string why = fmt::format("{}: {}", last->code, last->error.describe());
    out.set_retry_reason(why);
    emit(ctx, EventKind::kRetrying, why + "; booting once more");
  }
  if (!ctx.keep) std::filesystem::remove_all(work_dir, ec);
  if (!last || cancelled()) return out.interrupted(ms_since(t0));
  if (!last->outcome) {
    auto reports = out.guest_failure(last->error, last->code, last->console_tail, ms_since(t0));
    emit(ctx, EventKind::kTargetDone, out.summary_line());
    return reports;
  }
  out.stages().boot_ms = last->ssh_ready_ms;
  auto reports = out.from_boot(*last->outcome, ms_since(t0));
  emit(ctx, EventKind::kTargetDone, out.summary_line());
  return reports;
}

}  // namespace bpfcompat::app
