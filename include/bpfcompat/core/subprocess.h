// A child process owned by an RAII handle: its own process group, killed with bpfcompat even on
// SIGKILL (PR_SET_PDEATHSIG), and killed and reaped by the destructor on every exit path.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/core/result.h"

namespace bpfcompat {

struct SpawnOptions {
  // A constructor, not an aggregate, so that SpawnOptions{out, err, append} stays warning-free
  // as members are added.
  SpawnOptions(std::string out = {}, std::string err = {}, bool append_output = false)
      : stdout_path(std::move(out)), stderr_path(std::move(err)), append(append_output) {}
  std::string stdout_path;  // empty: /dev/null
  std::string stderr_path;  // empty: same as stdout
  bool append = false;      // append to the output files instead of truncating
  // Open fds (normally O_CLOEXEC) the child keeps under the same numbers; only this child
  // inherits them, other children spawned meanwhile by other threads do not.
  std::vector<int> inherit_fds{};
};

struct ExitStatus {
  int code = -1;   // exit code when exited normally, else -1
  int signal = 0;  // terminating signal, else 0
  bool exited_normally() const { return signal == 0; }
};

class Subprocess {
 public:
  // Starts argv[0] (looked up in PATH) with argv. Never runs a shell.
  static Result<Subprocess> spawn(const std::vector<std::string>& argv, const SpawnOptions& opts);

  Subprocess(Subprocess&& other) noexcept;
  Subprocess& operator=(Subprocess&& other) noexcept;
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;
  ~Subprocess();

  pid_t pid() const { return pid_; }
  // Waits until the child exits, the timeout passes (nullopt) or cancelled() turns true (nullopt).
  std::optional<ExitStatus> wait_for(std::chrono::milliseconds timeout);
  // Non-blocking check.
  std::optional<ExitStatus> poll();
  // SIGKILL to the whole process group, then reap. Idempotent.
  void kill();

 private:
  explicit Subprocess(pid_t pid) : pid_(pid) {}
  pid_t pid_ = -1;
  std::optional<ExitStatus> status_;
};

// Runs argv to completion with a timeout, capturing stdout+stderr (capped at 1 MiB).
struct CapturedRun {
  ExitStatus status;
  bool timed_out = false;
  std::string output;
};
Result<CapturedRun> run_captured(const std::vector<std::string>& argv,
                                 std::chrono::milliseconds timeout);

}  // namespace bpfcompat
