#include "lane.h"

#include <filesystem>

#include <fmt/format.h>

#include "bpfcompat/sources/image_source.h"
#include "case_staging.h"
#include "cloud_guest.h"
#include "target_stages.h"

namespace bpfcompat::app {
namespace {

// Without a profile's own values: 1 vCPU (two 1-vCPU VMs on two cores run as fast as one
// alone) and 1 GiB (distro cloud images want more than the fixture's 512 MiB).
constexpr int kDefaultCpus = 1;
constexpr int kDefaultMemoryMb = 1024;

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

// The cloud-image lane: the distribution's image as a disposable overlay, first-boot config by
// a NoCloud seed, one SSH session for everything. One deadline covers both attempts.
class CloudLane : public Lane {
 public:
  explicit CloudLane(const TargetContext& ctx) : ctx_(ctx), work_dir_(ctx.evidence_dir + "/work") {}

  std::string source() const override { return "image " + ctx_.entry->profile.image->describe(); }

  Result<std::string> prepare(TargetAssembly&) override {
    auto image = sources::prepare_image(*ctx_.cache, ctx_.entry->profile);
    if (!image) return with_fallback_code(std::move(image).error(), "IMAGE_UNAVAILABLE");
    image_ = std::move(*image);
    return fmt::format("{} ({})", image_->path, image_->format);
  }

  // A checksum mismatch is not transient: the same download would fail the same way.
  bool retry_preparation(const Error& error) const override {
    return error.code != sources::kImageChecksumMismatch;
  }

  Result<void> stage(TargetAssembly&, const std::string& external_btf) override {
    std::error_code ec;
    std::filesystem::create_directories(work_dir_, ec);
    auto staged =
        stage_cases(ctx_.cases, "/tmp/bpfcompat-", work_dir_ + "/cases", case_timeout_sec(ctx_));
    if (!staged) return with_fallback_code(std::move(staged).error(), "STAGING_FAILED");
    staged_ = std::move(*staged);
    // Copied in over SFTP with the cases' files; the flag goes before their --case arguments.
    std::vector<std::string> btf_args;
    add_external_btf(external_btf, "/tmp/bpfcompat-vmlinux.btf", staged_.files, btf_args);
    staged_.args.insert(staged_.args.begin(), btf_args.begin(), btf_args.end());
    deadline_ = Clock::now() + ctx_.timeout;
    return {};
  }

  std::string boot_label() const override { return ctx_.entry->profile.id; }

  BootAttempt boot(int attempt) override {
    BootAttempt out;
    auto spec = attempt_spec(ctx_, *image_, work_dir_, attempt);
    spec.files = staged_.files;
    spec.validator_args.insert(spec.validator_args.end(), staged_.args.begin(), staged_.args.end());
    spec.deadline = deadline_;
    auto host_key = transport::generate_ed25519_key("bpfcompat-guest");
    if (!host_key) {
      out.error = with_fallback_code(std::move(host_key).error(), "KEYGEN_FAILED");
      return out;
    }
    spec.host_key = std::move(*host_key);
    CloudAttempt a = run_cloud_attempt(spec);
    out.outcome = std::move(a.outcome);
    out.error = std::move(a.error);
    out.error.code = a.code;  // the stage that failed (BOOT_TIMEOUT, TRANSFER_FAILED…)
    out.console_tail = std::move(a.console_tail);
    out.ready_ms = out.outcome ? a.ssh_ready_ms : -1;
    if (!out.outcome && a.retryable && Clock::now() < deadline_) {
      out.retry_reason = fmt::format("{}: {}", a.code, out.error.describe());
    }
    return out;
  }

 private:
  const TargetContext& ctx_;
  std::string work_dir_;
  std::optional<sources::PreparedImage> image_;
  StagedCases staged_;
  Clock::time_point deadline_;
};

}  // namespace

std::unique_ptr<Lane> make_cloud_lane(const TargetContext& ctx) {
  return std::make_unique<CloudLane>(ctx);
}

}  // namespace bpfcompat::app
