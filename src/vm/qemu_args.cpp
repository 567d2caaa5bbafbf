#include "bpfcompat/vm/qemu_args.h"

#include <fmt/format.h>

namespace bpfcompat::vm {
namespace {

// TCG translation cache in MiB. QEMU's default (1 GiB on 64-bit hosts) lets the host RSS grow
// with everything the guest ever executed; a boot plus validation translates far less than
// 16 MiB, so the small cache trims RSS at no measurable cost in boot time (see report).
constexpr int kTcgTbSizeMb = 16;

// i440fx ("pc") boots these kernels as fast as q35 under TCG and gives us two legacy UARTs;
// microvm is faster but hangs in ~20% of TCG boots (no PIT/HPET: TSC calibration fails).
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
  // panic=-1 + -no-reboot: a panic ends QEMU at once. No panic_on_oops: an oops in one
  // validator case kills that process only; the others still report, and the console shows
  // the oops (the kernel raises the console loglevel for it), which becomes KERNEL_OOPS.
  // loglevel=4 hides boot chatter but keeps errors; tsc=reliable skips the TSC watchdog and
  // refinement that TCG's jittery clock makes slow; it changes no BPF behaviour.
  return "console=ttyS0 panic=-1 loglevel=4 tsc=reliable";
}

std::vector<std::string> build_qemu_args(const QemuConfig& config) {
  std::vector<std::string> argv{config.binary};
  add_accelerator(argv, config.accel);
  add_machine(argv, config);
  add(argv, {"-kernel", config.kernel, "-initrd", config.initrd, "-append",
             kernel_cmdline(config)});
  // Order matters: the first -serial is the guest's ttyS0, the second its ttyS1.
  add(argv, {"-serial", "file:" + config.console_log, "-serial", "file:" + config.results_path});
  return argv;
}

}  // namespace bpfcompat::vm
