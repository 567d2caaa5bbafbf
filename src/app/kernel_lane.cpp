#include "lane.h"

#include <filesystem>

#include <fmt/format.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/sources/kernel_source.h"
#include "bpfcompat/validation/validator_output.h"
#include "bpfcompat/vm/initramfs.h"
#include "bpfcompat/vm/kernel_boot.h"
#include "case_staging.h"
#include "target_stages.h"

namespace bpfcompat::app {
namespace {

// Modules every kernel-lane boot loads when the kernel has them as modules (tc/clsact).
const std::vector<std::string>& default_kernel_modules() {
  static const std::vector<std::string> kModules = {"sch_ingress", "cls_bpf"};
  return kModules;
}

// The kprobe/fentry targets of the cases' objects that live in a module of this kernel, not in
// vmlinux: those modules are loaded too, so that the attach meets the function (and fentry its
// module BTF). A target in no module stays for the guest to judge (ATTACH_TARGET_MISSING).
Result<std::vector<std::string>> modules_for_targets(const TargetContext& ctx,
                                                     const sources::PreparedKernel& kernel) {
  std::vector<std::string> functions;
  for (const auto* c : ctx.cases) {
    if (!c->artifact || c->command) continue;
    const auto& named = c->artifact->kernel_functions;
    functions.insert(functions.end(), named.begin(), named.end());
  }
  auto defining = sources::modules_defining(*ctx.cache, kernel, functions);
  if (!defining) return std::move(defining).error();
  std::vector<std::string> modules;
  for (const auto& [function, module] : *defining) modules.push_back(module);
  return modules;
}

Result<vm::InitramfsSpec> initramfs_spec(const TargetContext& ctx,
                                         const sources::PreparedKernel& kernel,
                                         const std::string& btf, const std::string& work_dir) {
  vm::InitramfsSpec spec;
  spec.validator = ctx.validator_path;
  spec.args = validator_args(ctx);
  add_external_btf(btf, "/bpfcompat/vmlinux.btf", spec.files, spec.args);
  std::vector<std::string> wanted = default_kernel_modules();
  for (const auto& m : ctx.entry->profile.modules) wanted.push_back(m);
  if (!kernel.modules_root.empty()) {
    auto for_targets = modules_for_targets(ctx, kernel);
    if (!for_targets) return std::move(for_targets).error();
    wanted.insert(wanted.end(), for_targets->begin(), for_targets->end());
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
  spec.files.insert(spec.files.end(), staged->files.begin(), staged->files.end());
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
  req.timeout = ctx.timeout;
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

// The kernel lane: a kernel package (or local vmlinuz), an initramfs whose /init is the
// validator, QEMU with the result stream on a second serial port.
class KernelLane : public Lane {
 public:
  explicit KernelLane(const TargetContext& ctx)
      : ctx_(ctx), work_dir_(ctx.evidence_dir + "/work") {}

  std::string source() const override { return "kernel " + ctx_.entry->profile.kernel.describe(); }

  Result<std::string> prepare(TargetAssembly& out) override {
    auto kernel = sources::prepare_kernel(*ctx_.cache, ctx_.entry->profile);
    if (!kernel) return with_fallback_code(std::move(kernel).error(), "KERNEL_UNAVAILABLE");
    kernel_ = std::move(*kernel);
    out.set_kernel(*kernel_);
    return kernel_->package_version.empty()
               ? kernel_->release
               : fmt::format("{} ({})", kernel_->release, kernel_->package_version);
  }

  bool retry_preparation(const Error&) const override { return true; }

  Result<void> stage(TargetAssembly& out, const std::string& external_btf) override {
    auto t0 = Clock::now();
    auto spec = initramfs_spec(ctx_, *kernel_, external_btf, work_dir_);
    initrd_ = work_dir_ + "/initramfs.cpio";
    Result<void> built = spec ? vm::build_initramfs(*spec, initrd_) : Result<void>(spec.error());
    if (!built) return with_fallback_code(std::move(built).error(), "INITRAMFS_FAILED");
    out.stages().initramfs_ms = ms_since(t0);
    return {};
  }

  std::string boot_label() const override {
    return kernel_ ? kernel_->release : ctx_.entry->profile.id;
  }

  BootAttempt boot(int attempt) override {
    BootAttempt a;
    auto booted = vm::boot_kernel(boot_request(ctx_, *kernel_, initrd_, attempt));
    if (!booted) {
      a.error = with_fallback_code(std::move(booted).error(), "QEMU_FAILED");
      return a;
    }
    (void)write_file_atomic(ctx_.evidence_dir + "/qemu-cmdline.txt",
                            shell_quote_argv(booted->argv));
    if (!booted->end_marker && !booted->cancelled) {
      a.retry_reason = booted->timed_out ? "no result before the timeout"
                                         : "the guest stopped without the end marker";
    }
    a.outcome = std::move(*booted);
    return a;
  }

 private:
  const TargetContext& ctx_;
  std::string work_dir_;
  std::optional<sources::PreparedKernel> kernel_;
  std::string initrd_;
};

}  // namespace

std::unique_ptr<Lane> make_kernel_lane(const TargetContext& ctx) {
  return std::make_unique<KernelLane>(ctx);
}

}  // namespace bpfcompat::app
