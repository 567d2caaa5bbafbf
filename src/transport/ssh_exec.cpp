#include "ssh_exec.h"

#include <fcntl.h>

#include <array>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/unique_fd.h"
#include "ssh_error.h"

namespace bpfcompat::transport {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr int kPollMs = 100;

// A capped output file; past the cap the stream is drained and dropped. Empty path: discarded.
class OutputSink {
 public:
  Result<void> open(const std::string& path) {
    if (path.empty()) return {};
    fd_.reset(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd_)
      return infrastructure_error(fmt::format("cannot write {}: {}", path, strerror(errno)));
    path_ = path;
    return {};
  }
  Result<void> write(const char* data, std::size_t size) {
    size = std::min(size, kMaxExecOutputBytes - written_);
    written_ += size;
    while (fd_ && size > 0) {
      ssize_t n = ::write(fd_.get(), data, size);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        return infrastructure_error(fmt::format("cannot write {}: {}", path_, strerror(errno)));
      }
      data += n;
      size -= static_cast<std::size_t>(n);
    }
    return {};
  }

 private:
  UniqueFd fd_;
  std::string path_;
  std::size_t written_ = 0;
};

Error lost(ssh_session s, const std::string& what) {
  return coded_error(kGuestConnectionLost, fmt::format("{}: {}", what, last_ssh_error(s)));
}

Result<ChannelHandle> open_exec_channel(ssh_session s, const std::string& command) {
  ChannelHandle ch(ssh_channel_new(s));
  if (!ch || ssh_channel_open_session(ch.get()) != SSH_OK) return lost(s, "cannot open a channel");
  if (ssh_channel_request_exec(ch.get(), command.c_str()) != SSH_OK) {
    return lost(s, "cannot start the remote command");
  }
  return ch;
}

// Drains stdout and stderr until the remote end sends EOF. False in *done on timeout/cancel.
Result<bool> stream_output(ssh_session s, ssh_channel ch, OutputSink& out, OutputSink& err,
                           Clock::time_point deadline) {
  std::array<char, 32768> buf{};
  while (ssh_channel_is_eof(ch) == 0) {
    if (cancelled() || Clock::now() >= deadline) return false;
    int n = ssh_channel_read_timeout(ch, buf.data(), buf.size(), 0, kPollMs);
    if (n == SSH_ERROR) return lost(s, "reading remote stdout");
    if (n > 0) {
      if (auto w = out.write(buf.data(), static_cast<std::size_t>(n)); !w) return w.error();
    }
    int m = ssh_channel_read_nonblocking(ch, buf.data(), buf.size(), 1);
    if (m == SSH_ERROR) return lost(s, "reading remote stderr");
    if (m > 0) {
      if (auto w = err.write(buf.data(), static_cast<std::size_t>(m)); !w) return w.error();
    }
  }
  return true;
}

// The exit status follows EOF; waiting in short slices keeps cancellation responsive.
Result<std::optional<int>> await_exit_status(ssh_session s, ssh_channel ch,
                                             Clock::time_point deadline) {
  set_io_timeout(s, milliseconds(kPollMs));
  while (true) {
    int status = ssh_channel_get_exit_status(ch);
    if (status != -1) return std::optional<int>(status);
    if (ssh_is_connected(s) == 0) return lost(s, "waiting for the exit status");
    if (ssh_channel_is_closed(ch) != 0) return std::optional<int>(-1);  // killed by a signal
    if (cancelled() || Clock::now() >= deadline) return std::optional<int>();
  }
}

}  // namespace

Result<ExecResult> run_remote(ssh_session s, const std::string& command,
                              const std::string& stdout_path, const std::string& stderr_path,
                              milliseconds timeout, milliseconds io_timeout) {
  OutputSink out;
  OutputSink err;
  if (auto o = out.open(stdout_path); !o) return o.error();
  if (auto e = err.open(stderr_path); !e) return e.error();
  auto deadline = Clock::now() + timeout;
  auto ch = open_exec_channel(s, command);
  if (!ch) return std::move(ch).error();
  ssh_channel_send_eof(ch->get());  // stdin closed: a command reading it does not hang

  auto streamed = stream_output(s, ch->get(), out, err, deadline);
  Result<std::optional<int>> status = std::optional<int>();
  if (streamed && *streamed) status = await_exit_status(s, ch->get(), deadline);
  set_io_timeout(s, io_timeout);
  if (!streamed) return std::move(streamed).error();
  if (!status) return std::move(status).error();
  if (*streamed && status->has_value()) return ExecResult{**status, false};

  ssh_channel_request_send_signal(ch->get(), "KILL");  // best effort
  if (cancelled()) return cancelled_error("remote command");
  return ExecResult{-1, true};
}

void start_detached(ssh_session s, const std::string& command) {
  auto ch = open_exec_channel(s, command);
  (void)ch;  // closed and freed here without reading
}

}  // namespace bpfcompat::transport
