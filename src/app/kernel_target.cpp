#include "kernel_target.h"

#include <filesystem>

#include <fmt/format.h>

#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/sources/kernel_source.h"
#include "bpfcompat/validation/validator_output.h"
#include "bpfcompat/vm/initramfs.h"
#include "bpfcompat/vm/kernel_boot.h"
#include "case_staging.h"
#include "target_assembly.h"
#include "target_stages.h"

namespace bpfcompat::app {
namespace {

// Infrastructure failures before the boot get one retry, as product.md asks.
Result<sources::PreparedKernel> prepare_with_retry(const TargetContext& ctx) {
  auto kernel = sources::prepare_kernel(*ctx.cache, ctx.entry->profile);
  if (!kernel && !cancelled() && kernel.error().kind == ErrorKind::kInfrastructure) {
    emit(ctx, EventKind::kRetrying,
         "kernel preparation failed, retrying: " + kernel.error().describe());
    kernel = sources::prepare_kernel(*ctx.cache, ctx.entry->profile);
  }
  return kernel;
}

Result<vm::InitramfsSpec> initramfs_spec(const TargetContext& ctx,
                                         const sources::PreparedKernel& kernel,
                                         const std::string& work_dir) {
  vm::InitramfsSpec spec;
  spec.validator = ctx.validator_path;
  spec.args = validator_args(ctx);
  std::vector<std::string> wanted = default_kernel_modules();
  for (const auto& m : ctx.entry->profile.modules) wanted.push_back(m);
  if (!kernel.modules_root.empty()) {
    auto modules = sources::resolve_modules(kernel, wanted, work_dir + "/modules");
    if (!modules) return std::move(modules).error();
    for (const auto& m : *modules) {
      std::string guest = "/lib/bpfcompat/" + m.name + ".ko";
      spec.files.push_back({guest, m.path, 0644});
      spec.args.insert(spec.args.end(), {"--module", guest});
    }
  }
  auto staged = stage_cases(ctx.cases, "/bpfcompat/", work_dir + "/cases", case_timeout_sec(ctx));
  if (!staged) return std::move(staged).error();
  for (const auto& f : staged->files) spec.files.push_back({f.guest_path, f.host_path, f.mode});
  if (staged->needs_shell) {
    if (ctx.busybox.empty()) return internal_error("a case needs busybox but none was located");
    spec.files.push_back({"/bin/busybox", ctx.busybox, 0755});
  }
  spec.args.insert(spec.args.end(), staged->args.begin(), staged->args.end());
  return spec;
}

vm::BootRequest boot_request(const TargetContext& ctx, const sources::PreparedKernel& kernel,
                             const std::string& initrd, int attempt) {
  const auto& profile = ctx.entry->profile;
  vm::BootRequest req;
  req.qemu.binary = ctx.qemu_binary;
  req.qemu.accel = ctx.accel.accel;
  req.qemu.cpus = profile.cpus > 0 ? profile.cpus : 1;
  req.qemu.memory_mb = profile.memory_mb > 0 ? profile.memory_mb : 256;
  req.qemu.kernel = kernel.vmlinuz;
  req.qemu.initrd = initrd;
  req.qemu.append = profile.kernel_cmdline;
  std::string suffix = attempt_suffix(attempt);
  req.qemu.console_log = ctx.evidence_dir + "/serial" + suffix + ".log";
  req.qemu.results_path = ctx.evidence_dir + "/validator" + suffix + ".jsonl";
  req.qemu_log = ctx.evidence_dir + "/qemu" + suffix + ".log";
  req.timeout = ctx.entry->timeout.value_or(ctx.timeout);
  return req;
}

std::string shell_quote_argv(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) {
    if (!out.empty()) out += ' ';
    if (a.find_first_not_of(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+") ==
        std::string::npos) {
      out += a;
    } else {
      std::string q = "'";
      for (char c : a) q += (c == '\'') ? std::string("'\\''") : std::string(1, c);
      out += q + "'";
    }
  }
  return out + "\n";
}

}  // namespace

const std::vector<std::string>& default_kernel_modules() {
  static const std::vector<std::string> kModules = {"sch_ingress", "cls_bpf"};
  return kModules;
}

std::vector<report::TargetReport> run_kernel_target(const TargetContext& ctx) {
  TargetAssembly out(ctx.entry, ctx.cases, ctx.accel, ctx.evidence_dir);
  auto t0 = Clock::now();
  std::error_code ec;
  std::filesystem::create_directories(ctx.evidence_dir, ec);

  if (cancelled()) return out.interrupted(0);
  emit(ctx, EventKind::kPreparing, "kernel " + ctx.entry->profile.kernel.describe());
  auto kernel = prepare_with_retry(ctx);
  if (!kernel)
    return out.infrastructure_failure(kernel.error(), "KERNEL_UNAVAILABLE", ms_since(t0));
  out.set_kernel(*kernel);
  out.stages().prepare_ms = ms_since(t0);
  emit(ctx, EventKind::kPrepared,
       kernel->package_version.empty()
           ? kernel->release
           : fmt::format("{} ({})", kernel->release, kernel->package_version));

  auto t1 = Clock::now();
  std::string work_dir = ctx.evidence_dir + "/work";
  auto spec = initramfs_spec(ctx, *kernel, work_dir);
  std::string initrd = work_dir + "/initramfs.cpio";
  Result<void> built = spec ? vm::build_initramfs(*spec, initrd) : Result<void>(spec.error());
  if (!built) return out.infrastructure_failure(built.error(), "INITRAMFS_FAILED", ms_since(t0));
  out.stages().initramfs_ms = ms_since(t1);

  std::optional<vm::BootOutcome> outcome;
  for (int attempt = 1; attempt <= 2 && !cancelled(); ++attempt) {
    emit(ctx, EventKind::kBooting,
         fmt::format("booting {} ({}), attempt {}", kernel->release,
                     vm::accel_name(ctx.accel.accel), attempt));
    auto booted = vm::boot_kernel(boot_request(ctx, *kernel, initrd, attempt));
    if (!booted) return out.infrastructure_failure(booted.error(), "QEMU_FAILED", ms_since(t0));
    (void)write_file_atomic(ctx.evidence_dir + "/qemu-cmdline.txt", shell_quote_argv(booted->argv));
    outcome = std::move(*booted);
    out.set_attempts(attempt);
    if (outcome->end_marker || outcome->cancelled) break;
    std::string why = outcome->timed_out ? "no result before the timeout"
                                         : "the guest stopped without the end marker";
    if (attempt == 1) {
      out.set_retry_reason(why);
      emit(ctx, EventKind::kRetrying, why + "; booting once more");
    }
  }
  if (!ctx.keep) std::filesystem::remove_all(work_dir, ec);
  if (!outcome) return out.interrupted(ms_since(t0));
  auto reports = out.from_boot(*outcome, ms_since(t0));
  emit(ctx, EventKind::kTargetDone, out.summary_line());
  return reports;
}

}  // namespace bpfcompat::app
