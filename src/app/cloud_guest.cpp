#include "cloud_guest.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/transport/shell_quote.h"
#include "bpfcompat/transport/ssh_session.h"
#include "bpfcompat/vm/boot_stage.h"
#include "bpfcompat/vm/cloud_seed.h"

namespace bpfcompat::app {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
namespace tp = transport;

// Flat names in /tmp: SFTP cannot create a directory and the VM is ours alone.
constexpr const char* kGuestPrefix = "/tmp/bpfcompat";
constexpr std::size_t kMaxResultBytes = 64u << 20;
// connect() is called in slices so that a QEMU that died is noticed within one slice.
constexpr auto kConnectSlice = 5s;
constexpr auto kAuthRetryPause = 300ms;
// The forward answers long before the guest does; polling every 500 ms at most keeps the time
// between "sshd is up" and "we are in" small (each failed attempt is cheap: loopback + slirp).
constexpr tp::ConnectTiming kConnectTiming{
    std::chrono::milliseconds(10000), std::chrono::milliseconds(200),
    std::chrono::milliseconds(500), std::chrono::milliseconds(60000)};
// Triage reads the whole console (bounded): the stage markers scroll out of a 64-line tail.
constexpr std::size_t kTriageLines = 1u << 20;
constexpr std::size_t kTriageBytes = 8u << 20;

long ms_between(Clock::time_point a, Clock::time_point b) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count());
}

CloudAttempt failed(CloudAttempt a, std::string code, Error error, bool retryable) {
  a.code = std::move(code);
  a.error = std::move(error);
  a.retryable = retryable && a.error.kind != ErrorKind::kCancelled;
  return a;
}

Result<void> write_seed(const CloudAttemptSpec& s) {
  vm::CloudSeedSpec seed;
  seed.instance_id = s.instance_id;
  seed.hostname = "bpfcompat-guest";
  seed.user = s.ssh_user;
  seed.authorized_key = s.client_key->public_line;
  seed.host_key_private = s.host_key.private_pem;
  seed.host_key_public = s.host_key.public_line;
  return vm::write_cloud_seed(seed, s.vm.seed_path);
}

// A guest that never let us in: where its boot stopped, from the console.
Error boot_timeout_error(const std::string& console, std::chrono::seconds waited) {
  auto stage = vm::last_boot_stage(console);
  return infrastructure_error(fmt::format("no SSH login within {} s; the boot got as far as: {}",
                                          waited.count(), vm::boot_stage_name(stage)),
                              vm::boot_stage_explanation(stage))
      .with_code("BOOT_TIMEOUT");
}

// Connects within the deadline, watching QEMU between slices.
Result<tp::SshSession> connect_guest(const CloudAttemptSpec& s, vm::CloudVm& vm, CloudAttempt& a) {
  tp::SshEndpoint ep;
  ep.port = vm.ssh_port();
  ep.user = s.ssh_user;
  ep.client_private_key_pem = s.client_key->private_pem;
  ep.expected_host_key_public = s.host_key.public_line;
  auto start = Clock::now();
  std::optional<Error> refused;  // our key refused: cloud-init may still be writing it
  while (true) {
    auto slice = std::min(s.deadline, Clock::now() + kConnectSlice);
    auto session = tp::SshSession::connect(ep, slice, kConnectTiming);
    if (session) return session;
    const auto& code = session.error().code;
    if (code == tp::kAuthFailed) {
      refused = session.error();
      std::this_thread::sleep_for(kAuthRetryPause);
    } else if (code != tp::kGuestUnreachable || cancelled()) {
      return std::move(session).error();
    }
    if (auto status = vm.poll()) {
      a.console_tail = vm::console_tail(s.vm.console_log);
      return infrastructure_error(
          fmt::format("the VM stopped before SSH answered (qemu exit {}, signal {})", status->code,
                      status->signal),
          "see serial.log and qemu.log in the evidence");
    }
    if (Clock::now() >= s.deadline) {
      if (refused) return std::move(*refused);
      return boot_timeout_error(
          vm::console_tail(s.vm.console_log, kTriageLines, kTriageBytes),
          std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - start));
    }
  }
}

Result<void> send_files(const CloudAttemptSpec& s, tp::SshSession& ssh) {
  if (auto r = ssh.upload(s.validator_path, std::string(kGuestPrefix) + "-validator", 0755); !r)
    return r;
  for (const auto& f : s.files) {
    if (auto r = ssh.upload(f.host_path, f.guest_path, f.mode); !r) return r;
  }
  return {};
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

CloudAttempt run_cloud_attempt(const CloudAttemptSpec& s) {
  CloudAttempt a;
  if (auto seeded = write_seed(s); !seeded) return failed(a, "SEED_FAILED", seeded.error(), false);
  auto t0 = Clock::now();
  auto vm = vm::CloudVm::start(s.vm);
  if (!vm) return failed(a, "QEMU_FAILED", vm.error(), true);
  a.argv = vm->argv();
  if (auto cmd = tp::shell_command(a.argv)) {
    (void)write_file_atomic(s.evidence_dir + "/qemu-cmdline.txt", *cmd + "\n");
  }
  auto ssh = connect_guest(s, *vm, a);
  if (!ssh) {
    const auto& code = ssh.error().code;
    if (a.console_tail.empty()) a.console_tail = vm::console_tail(s.vm.console_log);
    if (code == tp::kGuestHostKeyMismatch) return failed(a, code, ssh.error(), false);
    if (code == tp::kAuthFailed) return failed(a, code, ssh.error(), false);
    bool timed_out = code == "BOOT_TIMEOUT";
    return failed(a, timed_out ? "BOOT_TIMEOUT" : "GUEST_UNREACHABLE", ssh.error(), !timed_out);
  }
  a.ssh_ready_ms = ms_between(t0, Clock::now());

  // The result stream comes back on stdout as it is written, so a guest that dies mid-run (a
  // kernel panic) still leaves the records of the cases it finished.
  std::vector<std::string> argv = {"sudo", std::string(kGuestPrefix) + "-validator"};
  argv.insert(argv.end(), s.validator_args.begin(), s.validator_args.end());
  if (auto sent = send_files(s, *ssh); !sent) {
    return failed(a, "TRANSFER_FAILED", sent.error(), true);
  }
  a.validator_sent = true;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(s.deadline - Clock::now());
  std::string result_path = s.evidence_dir + "/validator" + s.suffix + ".jsonl";
  auto ran = ssh->exec(argv, result_path, s.evidence_dir + "/validator-stderr" + s.suffix + ".txt",
                       std::max(left, std::chrono::milliseconds(1000)));
  vm->kill();  // no clean shutdown: the overlay is thrown away anyway
  a.console_tail = vm::console_tail(s.vm.console_log);
  std::string results = read_text(result_path).substr(0, kMaxResultBytes);
  if (!ran && !vm::console_shows_crash(a.console_tail)) {
    return failed(a, "GUEST_CONNECTION_LOST", ran.error(), true);
  }
  if (ran && !ran->timed_out && results.find("\"type\":\"hello\"") == std::string::npos) {
    std::string err = read_text(s.evidence_dir + "/validator-stderr" + s.suffix + ".txt");
    return failed(a, "VALIDATOR_FAILED",
                  infrastructure_error(fmt::format("the validator exited {} without a result: {}",
                                                   ran->exit_code, err.substr(0, 2000))),
                  false);
  }
  vm::BootOutcome outcome;
  outcome.results = std::move(results);
  outcome.end_marker = outcome.results.find("\"type\":\"end\"") != std::string::npos;
  outcome.timed_out = ran && ran->timed_out;
  outcome.console_tail = a.console_tail;
  outcome.duration = std::chrono::milliseconds(ms_between(t0, Clock::now()));
  outcome.argv = a.argv;
  a.outcome = std::move(outcome);
  return a;
}

}  // namespace bpfcompat::app
