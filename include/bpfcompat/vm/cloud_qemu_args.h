// Pure builder of the QEMU command line for a cloud-image boot: overlay + seed on virtio-blk
// passed as inherited fds (fdsets), user networking with only a 127.0.0.1 forward to port 22.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/vm/accelerator.h"

namespace bpfcompat::vm {

struct CloudQemuConfig {
  std::string binary = "qemu-system-x86_64";
  Accel accel = Accel::kTcg;
  int cpus = 1;
  int memory_mb = 1024;
  int disk_fd_rw = -1;  // the overlay opened read-write...
  int disk_fd_ro = -1;  // ...and read-only (QEMU probes it read-only first)
  std::string disk_format = "qcow2";
  int seed_fd = -1;  // the NoCloud seed, read-only
  int ssh_port = 0;  // host port on 127.0.0.1 forwarded to the guest's 22
  std::string console_log;
  std::string kernel;  // direct kernel boot when set
  std::string initrd;
  std::string append;
};

// e.g. qemu-system-x86_64 -accel tcg,tb-size=64 -cpu max -M pc -m 1024 -smp 1 -nodefaults
//      -no-user-config -display none -monitor none -no-reboot
//      -add-fd fd=5,set=1,opaque=disk-rw -add-fd fd=6,set=1,opaque=disk-ro
//      -drive file=/dev/fdset/1,if=virtio,format=qcow2,cache=unsafe,discard=unmap
//      -add-fd fd=7,set=2,opaque=seed -drive file=/dev/fdset/2,if=virtio,format=raw,readonly=on
//      -netdev user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:PORT-:22
//      -device virtio-net-pci,netdev=n0 -serial file:serial.log [-kernel K -initrd I -append A]
std::vector<std::string> build_cloud_qemu_args(const CloudQemuConfig& config);

}  // namespace bpfcompat::vm
