#include "bpfcompat/transport/ssh_session.h"

#include <fmt/format.h>

#include "bpfcompat/transport/shell_quote.h"
#include "sftp_transfer.h"
#include "ssh_connect.h"
#include "ssh_exec.h"
#include "ssh_handles.h"

namespace bpfcompat::transport {

// minbase images have no dbus, so systemctl fails there; poweroff -f skips the clean shutdown
// the disposable guest does not need. A constant: no user input reaches this shell.
constexpr const char* kPoweroffCommand =
    "sudo -n systemctl poweroff >/dev/null 2>&1 || sudo -n poweroff -f >/dev/null 2>&1";

struct SshSession::Impl {
  SessionHandle session;
  SftpHandle sftp;  // declared after session: freed first
  std::string host_key_fingerprint;
  ConnectTiming timing;

  ~Impl() {
    sftp.reset();
    if (session && ssh_is_connected(session.get()) != 0) ssh_disconnect(session.get());
  }

  Result<sftp_session> sftp_channel() {
    if (!sftp) {
      auto opened = open_sftp(session.get());
      if (!opened) return std::move(opened).error();
      sftp = std::move(*opened);
    }
    return sftp.get();
  }
};

SshSession::SshSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SshSession::SshSession(SshSession&& other) noexcept = default;
SshSession& SshSession::operator=(SshSession&& other) noexcept = default;
SshSession::~SshSession() = default;

Result<SshSession> SshSession::connect(const SshEndpoint& endpoint,
                                       std::chrono::steady_clock::time_point deadline,
                                       const ConnectTiming& timing) {
  auto connected = connect_and_login(endpoint, deadline, timing);
  if (!connected) return std::move(connected).error();
  auto impl = std::make_unique<Impl>();
  impl->session = std::move(connected->session);
  impl->host_key_fingerprint = std::move(connected->host_key_fingerprint);
  impl->timing = timing;
  return SshSession(std::move(impl));
}

Result<void> SshSession::upload(const std::string& local_path, const std::string& remote_path,
                                unsigned mode) {
  auto sftp = impl_->sftp_channel();
  if (!sftp) return std::move(sftp).error();
  return sftp_upload(*sftp, local_path, remote_path, mode);
}

Result<void> SshSession::download(const std::string& remote_path, const std::string& local_path,
                                  std::size_t max_bytes) {
  auto sftp = impl_->sftp_channel();
  if (!sftp) return std::move(sftp).error();
  return sftp_download(*sftp, remote_path, local_path, max_bytes);
}

Result<ExecResult> SshSession::exec(const std::vector<std::string>& argv,
                                    const std::string& stdout_path, const std::string& stderr_path,
                                    std::chrono::milliseconds timeout) {
  auto command = shell_command(argv);
  if (!command) return std::move(command).error();
  return run_remote(impl_->session.get(), *command, stdout_path, stderr_path, timeout,
                    impl_->timing.io_timeout);
}

void SshSession::poweroff() {
  start_detached(impl_->session.get(), kPoweroffCommand);
}

const std::string& SshSession::host_key_fingerprint() const {
  return impl_->host_key_fingerprint;
}

}  // namespace bpfcompat::transport
