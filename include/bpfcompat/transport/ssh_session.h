// One SSH session to a guest for everything (login, SFTP copies, commands): the guest's host key
// is pinned, the login uses the per-run client key. Errors carry a code (kGuestUnreachable…).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bpfcompat/core/result.h"

namespace bpfcompat::transport {

// Error::code of this module's infrastructure errors.
inline constexpr std::string_view kGuestUnreachable = "GUEST_UNREACHABLE";
inline constexpr std::string_view kGuestHostKeyMismatch = "GUEST_HOST_KEY_MISMATCH";
inline constexpr std::string_view kAuthFailed = "AUTH_FAILED";
inline constexpr std::string_view kGuestConnectionLost = "GUEST_CONNECTION_LOST";
inline constexpr std::string_view kGuestTransferFailed = "GUEST_TRANSFER_FAILED";

struct SshEndpoint {
  std::string host = "127.0.0.1";
  int port = 22;
  std::string user;
  std::string client_private_key_pem;    // SshKeyPair::private_pem
  std::string expected_host_key_public;  // "ssh-ed25519 AAAA..." the guest must present
};

struct ConnectTiming {
  std::chrono::milliseconds attempt_timeout{10000};  // TCP connect + banner + key exchange
  std::chrono::milliseconds first_backoff{200};      // doubles after each failed attempt...
  std::chrono::milliseconds max_backoff{2000};       // ...up to this
  std::chrono::milliseconds io_timeout{60000};       // later blocking steps (SFTP, channels)
};

struct ExecResult {
  int exit_code = -1;  // -1 when killed by a signal or timed out
  bool timed_out = false;
};

class SshSession {
 public:
  // Retries connection-level failures (refused, reset, no banner, sshd restarting) with backoff
  // until `deadline`, then fails with kGuestUnreachable. A host key other than the expected one
  // fails at once with kGuestHostKeyMismatch before anything is sent; a refused login with
  // kAuthFailed. kCancelled when cancelled() turns true.
  static Result<SshSession> connect(const SshEndpoint& endpoint,
                                    std::chrono::steady_clock::time_point deadline,
                                    const ConnectTiming& timing = {});

  SshSession(SshSession&& other) noexcept;
  SshSession& operator=(SshSession&& other) noexcept;
  SshSession(const SshSession&) = delete;
  SshSession& operator=(const SshSession&) = delete;
  ~SshSession();

  // SFTP copy in; the remote file ends with exactly `mode`.
  Result<void> upload(const std::string& local_path, const std::string& remote_path, unsigned mode);
  // SFTP copy out to local_path (atomically); fails past max_bytes.
  Result<void> download(const std::string& remote_path, const std::string& local_path,
                        std::size_t max_bytes);
  // Runs argv (each argument shell-quoted) with stdin closed, streaming stdout and stderr into
  // the files (each capped at 64 MiB, the rest dropped), and waits for the exit status. On
  // timeout the command is sent SIGKILL and {timed_out = true} is returned.
  Result<ExecResult> exec(const std::vector<std::string>& argv, const std::string& stdout_path,
                          const std::string& stderr_path, std::chrono::milliseconds timeout);
  // Asks the guest to power off (sudo systemctl poweroff, else sudo poweroff -f); does not wait.
  void poweroff();

  // "SHA256:..." of the host key the guest presented (equal to the expected one).
  const std::string& host_key_fingerprint() const;

 private:
  struct Impl;
  explicit SshSession(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace bpfcompat::transport
