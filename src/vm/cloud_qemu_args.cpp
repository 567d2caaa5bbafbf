#include "bpfcompat/vm/cloud_qemu_args.h"

#include <fmt/format.h>

namespace bpfcompat::vm {
namespace {

// Same choices as the kernel lane (qemu_args.cpp explains them).
constexpr int kTcgTbSizeMb = 64;
constexpr int kDiskFdset = 1;
constexpr int kSeedFdset = 2;

void add(std::vector<std::string>& argv, std::initializer_list<std::string> items) {
  argv.insert(argv.end(), items);
}

}  // namespace

std::vector<std::string> build_cloud_qemu_args(const CloudQemuConfig& c) {
  std::vector<std::string> argv{c.binary};
  if (c.accel == Accel::kKvm) {
    add(argv, {"-accel", "kvm", "-cpu", "host"});
  } else {
    add(argv, {"-accel", fmt::format("tcg,tb-size={}", kTcgTbSizeMb), "-cpu", "max"});
  }
  add(argv,
      {"-M", "pc", "-m", std::to_string(c.memory_mb), "-smp", std::to_string(c.cpus), "-nodefaults",
       "-no-user-config", "-display", "none", "-monitor", "none", "-no-reboot"});
  // The overlay and the seed come in as fds: their files are unlinked once QEMU runs, so
  // nothing is left on disk if bpfcompat is killed. cache=unsafe: the disk is thrown away.
  add(argv,
      {"-add-fd", fmt::format("fd={},set={},opaque=disk-rw", c.disk_fd_rw, kDiskFdset), "-add-fd",
       fmt::format("fd={},set={},opaque=disk-ro", c.disk_fd_ro, kDiskFdset), "-drive",
       fmt::format("file=/dev/fdset/{},if=virtio,format={},cache=unsafe", kDiskFdset,
                   c.disk_format)});
  // virtio-blk, not -cdrom: Debian's cloud kernel has no AHCI/ATAPI driver built in.
  add(argv, {"-add-fd", fmt::format("fd={},set={},opaque=seed", c.seed_fd, kSeedFdset), "-drive",
             fmt::format("file=/dev/fdset/{},if=virtio,format=raw,readonly=on", kSeedFdset)});
  // restrict=on: the guest reaches nothing (not the host, not the internet); only the forward.
  add(argv,
      {"-netdev", fmt::format("user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:{}-:22", c.ssh_port),
       "-device", "virtio-net-pci,netdev=n0", "-serial", "file:" + c.console_log});
  if (!c.kernel.empty()) {
    add(argv, {"-kernel", c.kernel});
    if (!c.initrd.empty()) add(argv, {"-initrd", c.initrd});
    if (!c.append.empty()) add(argv, {"-append", c.append});
  }
  return argv;
}

}  // namespace bpfcompat::vm
