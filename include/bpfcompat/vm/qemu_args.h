// Pure builder of the QEMU command line for a kernel-lane boot.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/vm/accelerator.h"

namespace bpfcompat::vm {

struct QemuConfig {
  std::string binary = "qemu-system-x86_64";
  Accel accel = Accel::kTcg;  // kKvm or kTcg
  int cpus = 1;
  int memory_mb = 256;
  std::string kernel;        // bzImage
  std::string initrd;        // newc cpio (build_initramfs)
  std::string append;        // extra kernel command line (appended to ours)
  std::string console_log;   // first UART (guest console) → this file
  std::string results_path;  // second UART (validator results) → this file
};

// e.g. qemu-system-x86_64 -accel tcg,tb-size=64 -cpu max -M pc -m 256 -smp 1 -nodefaults
//      -no-user-config -display none -monitor none -no-reboot -nic none -kernel K -initrd I
//      -append "console=ttyS0 panic=-1 ..." -serial file:console -serial file:results
std::vector<std::string> build_qemu_args(const QemuConfig& config);

// The kernel command line we always pass (before config.append).
std::string base_kernel_cmdline();

}  // namespace bpfcompat::vm
