// One disposable cloud-image VM: a qcow2 overlay on the base image, the NoCloud seed, QEMU with
// a 127.0.0.1 SSH forward. Overlay and seed reach QEMU as fds and are unlinked at once (unless
// kept), so no file outlives QEMU, and QEMU dies with us (PR_SET_PDEATHSIG).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/core/result.h"
#include "bpfcompat/core/subprocess.h"
#include "bpfcompat/vm/accelerator.h"

namespace bpfcompat::vm {

struct CloudVmRequest {
  std::string qemu_binary = "qemu-system-x86_64";
  Accel accel = Accel::kTcg;
  int cpus = 1;
  int memory_mb = 1024;
  std::string base_image;              // absolute path; never written
  std::string base_format;             // "qcow2" or "raw"
  std::string seed_path;               // a written NoCloud seed ISO
  std::string work_dir;                // the overlay is created here
  std::string console_log;             // guest console (serial.log)
  std::string qemu_log;                // QEMU's own stdout/stderr
  std::string kernel, initrd, append;  // direct kernel boot when kernel is set
  bool keep = false;                   // leave overlay and seed on disk
};

class CloudVm {
 public:
  // Creates the overlay, starts QEMU and returns once the forward listens on 127.0.0.1.
  // A port taken by someone else in between is retried with a new port. kInfrastructure
  // errors name the step (qemu-img, QEMU exit with its log tail).
  static Result<CloudVm> start(const CloudVmRequest& request);

  int ssh_port() const { return port_; }
  const std::vector<std::string>& argv() const { return argv_; }
  std::optional<ExitStatus> poll() { return qemu_.poll(); }
  void kill() { qemu_.kill(); }  // at once: the VM is disposable

 private:
  CloudVm(Subprocess qemu, int port, std::vector<std::string> argv)
      : qemu_(std::move(qemu)), port_(port), argv_(std::move(argv)) {}
  Subprocess qemu_;
  int port_ = 0;
  std::vector<std::string> argv_;
};

// The last `lines` lines (within the last max_bytes) of a console log, without carriage returns.
std::string console_tail(const std::string& console_log, std::size_t lines = 64,
                         std::size_t max_bytes = 256u << 10);

}  // namespace bpfcompat::vm
