#include "bpfcompat/vm/cloud_vm.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/unique_fd.h"
#include "bpfcompat/vm/cloud_qemu_args.h"
#include "bpfcompat/vm/tcp_port.h"
#include "file_tail.h"

namespace bpfcompat::vm {
namespace {

using namespace std::chrono_literals;
constexpr int kPortAttempts = 3;
constexpr auto kListenWait = 15s;

struct DiskFds {
  UniqueFd rw, ro, seed;
};

Result<void> create_overlay(const CloudVmRequest& r, const std::string& overlay) {
  auto run = run_captured(
      {"qemu-img", "create", "-q", "-f", "qcow2", "-F", r.base_format, "-b", r.base_image, overlay},
      60s);
  if (!run) return std::move(run).error();
  if (run->timed_out || run->status.code != 0) {
    return infrastructure_error(
        fmt::format("qemu-img create of the overlay on {} failed: {}", r.base_image, run->output),
        "install qemu-utils; check the image file and its format");
  }
  return {};
}

Result<DiskFds> open_disks(const CloudVmRequest& r, const std::string& overlay) {
  DiskFds fds;
  fds.rw.reset(open(overlay.c_str(), O_RDWR | O_CLOEXEC));
  fds.ro.reset(open(overlay.c_str(), O_RDONLY | O_CLOEXEC));
  fds.seed.reset(open(r.seed_path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fds.rw || !fds.ro || !fds.seed) {
    return infrastructure_error(fmt::format("cannot open overlay or seed: {}", strerror(errno)));
  }
  if (!r.keep) {
    unlink(overlay.c_str());
    unlink(r.seed_path.c_str());
  }
  return fds;
}

// Without --keep the overlay never has a name: an O_TMPFILE file in the work directory that
// qemu-img formats through /proc/<pid>/fd/N, so no kill at any moment can leave it behind.
// Filesystems without O_TMPFILE fall back to a named file unlinked right after it is opened.
Result<DiskFds> create_disks(const CloudVmRequest& r) {
  if (!r.keep) {
    UniqueFd tmp(open(r.work_dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600));
    if (tmp) {
      std::string path = fmt::format("/proc/{}/fd/{}", getpid(), tmp.get());
      if (auto made = create_overlay(r, path); !made) return std::move(made).error();
      DiskFds fds;
      fds.ro.reset(open(path.c_str(), O_RDONLY | O_CLOEXEC));
      fds.seed.reset(open(r.seed_path.c_str(), O_RDONLY | O_CLOEXEC));
      if (!fds.ro || !fds.seed) {
        return infrastructure_error(
            fmt::format("cannot open overlay or seed: {}", strerror(errno)));
      }
      unlink(r.seed_path.c_str());
      fds.rw = std::move(tmp);
      return fds;
    }
  }
  std::string overlay = r.work_dir + "/overlay.qcow2";
  if (auto made = create_overlay(r, overlay); !made) return std::move(made).error();
  return open_disks(r, overlay);
}

bool listens_on_loopback(int port) {
  auto addrs = tcp_listen_addresses(port);
  return std::find(addrs.begin(), addrs.end(), "127.0.0.1") != addrs.end();
}

// Waits until QEMU's forward listens (ok), QEMU exits (its status) or time runs out.
Result<bool> wait_for_forward(Subprocess& qemu, int port) {
  auto deadline = std::chrono::steady_clock::now() + kListenWait;
  while (std::chrono::steady_clock::now() < deadline) {
    if (qemu.poll()) return false;
    if (listens_on_loopback(port)) return true;
    if (cancelled())
      return Error{ErrorKind::kCancelled, "cancelled while starting qemu", {}, {}, {}};
    std::this_thread::sleep_for(20ms);
  }
  return infrastructure_error(fmt::format(
      "qemu did not open its forward on 127.0.0.1:{} within {} s", port, kListenWait.count()));
}

}  // namespace

std::string console_tail(const std::string& console_log, std::size_t lines, std::size_t max_bytes) {
  std::string text = tail_lines(console_log, lines, max_bytes);
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  return text;
}

Result<CloudVm> CloudVm::start(const CloudVmRequest& r) {
  auto fds = create_disks(r);
  if (!fds) return std::move(fds).error();

  CloudQemuConfig q;
  q.binary = r.qemu_binary;
  q.accel = r.accel;
  q.cpus = r.cpus;
  q.memory_mb = r.memory_mb;
  q.disk_fd_rw = fds->rw.get();
  q.disk_fd_ro = fds->ro.get();
  q.seed_fd = fds->seed.get();
  q.console_log = r.console_log;
  q.kernel = r.kernel;
  q.initrd = r.initrd;
  q.append = r.append;
  SpawnOptions opts{r.qemu_log, {}, false};
  opts.inherit_fds = {q.disk_fd_rw, q.disk_fd_ro, q.seed_fd};
  for (int attempt = 1;; ++attempt) {
    auto port = pick_free_local_port();
    if (!port) return std::move(port).error();
    q.ssh_port = *port;
    auto argv = build_cloud_qemu_args(q);
    spdlog::debug("qemu: {}", fmt::join(argv, " "));
    auto qemu = Subprocess::spawn(argv, opts);
    if (!qemu) return std::move(qemu).error().with_context("starting qemu");
    auto up = wait_for_forward(*qemu, *port);
    if (!up) return std::move(up).error();
    if (*up) return CloudVm(std::move(*qemu), *port, std::move(argv));
    std::string log = tail_lines(r.qemu_log, 10);
    bool port_taken =
        log.find("host forwarding") != std::string::npos || log.find("in use") != std::string::npos;
    if (!port_taken || attempt == kPortAttempts) {
      return infrastructure_error(fmt::format("qemu exited at start: {}", log),
                                  "see qemu.log in the target's evidence");
    }
  }
}

}  // namespace bpfcompat::vm
