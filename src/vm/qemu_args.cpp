#include "bpfcompat/vm/qemu_args.h"

#include <fmt/format.h>

namespace bpfcompat::vm {
namespace {

// TCG translation cache in MiB. QEMU's default (1 GiB on 64-bit hosts) lets QEMU's RSS grow
// with all the code the guest ever ran; 64 caps it without slowing us: a 6.1 boot plus a
// validation of 19 objects needs less (same time and RSS as the default), whereas 16 or 32
// saves 30-50 MB of RSS but costs 8-17% more time in cache flushes.
constexpr int kTcgTbSizeMb = 64;

// i440fx ("pc") boots these kernels as fast as q35 under TCG (within noise) and has two
// legacy UARTs. microvm reaches /init 0.6 s sooner but hangs in ~20% of TCG boots (no PIT or
// HPET: TSC calibration fails) unless given a host-specific tsc_early_khz.
constexpr const char* kMachine = "pc";

void add(std::vector<std::string>& argv, std::initializer_list<std::string> items) {
  argv.insert(argv.end(), items);
}

void add_accelerator(std::vector<std::string>& argv, Accel accel) {
  if (accel == Accel::kKvm) {
    add(argv, {"-accel", "kvm", "-cpu", "host"});
  } else {
    add(argv, {"-accel", fmt::format("tcg,tb-size={}", kTcgTbSizeMb), "-cpu", "max"});
  }
}

// No default devices, no display, no monitor: the only character devices are our two UARTs,
// and nothing of QEMU's ends up on stdio. A guest reboot or panic ends QEMU (-no-reboot).
void add_machine(std::vector<std::string>& argv, const QemuConfig& config) {
  add(argv, {"-M", kMachine, "-m", std::to_string(config.memory_mb), "-smp",
             std::to_string(config.cpus), "-nodefaults", "-no-user-config", "-display", "none",
             "-monitor", "none", "-no-reboot", "-nic", "none"});
}

std::string kernel_cmdline(const QemuConfig& config) {
  std::string cmdline = base_kernel_cmdline();
  if (!config.append.empty()) cmdline += " " + config.append;
  return cmdline;
}

}  // namespace

std::string base_kernel_cmdline() {
  // panic=-1 + -no-reboot: a panic ends QEMU at once. No panic_on_oops (Debian's default is
  // off too): an oops in one validator case kills that process only, the other cases still
  // report, and the console shows the oops in full (the kernel raises the console loglevel
  // for it), which becomes KERNEL_OOPS. loglevel=5 keeps the boot silent but shows warnings
  // (WARN_ON splats) and worse. tsc=reliable turns off the clocksource watchdog, which on a
  // busy TCG host can declare the TSC unstable and fall back to a slow emulated clock; it
  // changes no BPF behaviour.
  return "console=ttyS0 panic=-1 loglevel=5 tsc=reliable";
}

std::vector<std::string> build_qemu_args(const QemuConfig& config) {
  std::vector<std::string> argv{config.binary};
  add_accelerator(argv, config.accel);
  add_machine(argv, config);
  add(argv,
      {"-kernel", config.kernel, "-initrd", config.initrd, "-append", kernel_cmdline(config)});
  // Order matters: the first -serial is the guest's ttyS0, the second its ttyS1.
  add(argv, {"-serial", "file:" + config.console_log, "-serial", "file:" + config.results_path});
  return argv;
}

}  // namespace bpfcompat::vm
