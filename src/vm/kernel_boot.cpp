#include "bpfcompat/vm/kernel_boot.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/unique_fd.h"
#include "file_tail.h"
#include "result_stream.h"

namespace bpfcompat::vm {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kPollInterval{20};
constexpr std::size_t kConsoleTailLines = 64;
constexpr std::size_t kLoggedTailLines = 20;  // -vv: the console tail of a failed boot

bool is_executable_in_path(const std::string& binary) {
  if (binary.find('/') != std::string::npos) return access(binary.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    auto end = std::min(dirs.find(':', start), dirs.size());
    std::string dir = end > start ? dirs.substr(start, end - start) : ".";
    if (access(fmt::format("{}/{}", dir, binary).c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

Result<void> require_qemu(const std::string& binary) {
  if (is_executable_in_path(binary)) return {};
  return infrastructure_error(fmt::format("cannot find {}", binary),
                              "install QEMU (Debian: apt-get install qemu-system-x86)")
      .with_code("QEMU_MISSING");
}

namespace {

Result<void> check_request(const BootRequest& request) {
  const QemuConfig& q = request.qemu;
  if (q.console_log.empty() || q.results_path.empty()) {
    return internal_error("boot request without console log or results path");
  }
  if (auto found = require_qemu(q.binary); !found) return found;
  for (const std::string* file : {&q.kernel, &q.initrd}) {
    if (access(file->c_str(), R_OK) != 0) {
      return infrastructure_error(fmt::format("cannot read {}: {}", *file, strerror(errno)));
    }
  }
  // Start from an empty result file so that a stale one is never mistaken for this boot's.
  UniqueFd fd(open(q.results_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd) {
    return infrastructure_error(
        fmt::format("cannot create {}: {}", q.results_path, strerror(errno)));
  }
  return {};
}

// The argv as one shell line (single quotes around words with anything but safe characters).
std::string shell_line(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& arg : argv) {
    bool plain = !arg.empty() && arg.find_first_not_of(
                                     "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
                                     "QRSTUVWXYZ0123456789_-+=/.,:@%") == std::string::npos;
    std::string word = arg;
    if (!plain) {
      word = "'";
      for (char c : arg) word += c == '\'' ? std::string("'\\''") : std::string(1, c);
      word += "'";
    }
    out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

std::string without_carriage_returns(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  return text;
}

// Polls until QEMU exits, the end record arrives, the deadline passes or the run is cancelled;
// sets the matching outcome flag. QEMU is killed (and reaped) unless it exited by itself.
void supervise(Subprocess& qemu, ResultStream& results, Clock::time_point deadline,
               BootOutcome& outcome) {
  while (true) {
    if (results.poll()) {
      outcome.end_marker = true;
      break;
    }
    if (auto status = qemu.poll()) {
      outcome.qemu_exit = *status;
      outcome.end_marker = results.poll();  // the last bytes may have landed just before exit
      return;
    }
    if (cancelled()) {
      outcome.cancelled = true;
      break;
    }
    if (Clock::now() >= deadline) {
      outcome.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(kPollInterval);
  }
  qemu.kill();
  results.poll();
}

}  // namespace

Result<BootOutcome> boot_kernel(const BootRequest& request) {
  if (auto ok = check_request(request); !ok) return std::move(ok).error();
  BootOutcome outcome;
  outcome.argv = build_qemu_args(request.qemu);
  spdlog::debug("qemu: {}", shell_line(outcome.argv));
  auto start = Clock::now();
  auto qemu = Subprocess::spawn(outcome.argv, SpawnOptions{request.qemu_log, {}, false});
  if (!qemu) return std::move(qemu).error().with_context("starting qemu");
  ResultStream results(request.qemu.results_path);
  supervise(*qemu, results, start + request.timeout, outcome);
  outcome.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  outcome.results = results.take_text();
  outcome.console_tail =
      without_carriage_returns(tail_lines(request.qemu.console_log, kConsoleTailLines));
  if (!outcome.end_marker && !outcome.cancelled) {
    std::string tail =
        without_carriage_returns(tail_lines(request.qemu.console_log, kLoggedTailLines));
    while (!tail.empty() && tail.back() == '\n') tail.pop_back();
    spdlog::debug("the guest stopped without the end record ({}); tail of {}:\n{}",
                  outcome.timed_out ? "timed out" : "qemu exited", request.qemu.console_log, tail);
  }
  return outcome;
}

}  // namespace bpfcompat::vm
