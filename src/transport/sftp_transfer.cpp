#include "sftp_transfer.h"

#include <fcntl.h>

#include <array>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/unique_fd.h"
#include "bpfcompat/transport/ssh_session.h"
#include "ssh_error.h"
#include "staged_file.h"

namespace bpfcompat::transport {
namespace {

// Well under every server's packet limit; libssh 0.10 does not split writes itself.
constexpr std::size_t kChunk = 32768;

std::string sftp_reason(sftp_session sftp) {
  switch (sftp_get_error(sftp)) {
    case SSH_FX_NO_SUCH_FILE:
      return "no such file";
    case SSH_FX_PERMISSION_DENIED:
      return "permission denied";
    case SSH_FX_NO_SUCH_PATH:
      return "no such directory";
    case SSH_FX_FILE_ALREADY_EXISTS:
      return "file exists";
    case SSH_FX_WRITE_PROTECT:
      return "read-only file system";
    default:
      return last_ssh_error(sftp->session);
  }
}

Error transfer_error(sftp_session sftp, const std::string& what) {
  if (ssh_is_connected(sftp->session) == 0) {
    return coded_error(kGuestConnectionLost,
                       fmt::format("{}: {}", what, last_ssh_error(sftp->session)));
  }
  return coded_error(kGuestTransferFailed, fmt::format("{}: {}", what, sftp_reason(sftp)));
}

}  // namespace

Result<SftpHandle> open_sftp(ssh_session session) {
  SftpHandle sftp(sftp_new(session));
  if (!sftp) {
    return coded_error(kGuestConnectionLost,
                       fmt::format("cannot open an sftp channel: {}", last_ssh_error(session)));
  }
  if (sftp_init(sftp.get()) != SSH_OK) return transfer_error(sftp.get(), "cannot start sftp");
  return sftp;
}

Result<void> sftp_upload(sftp_session sftp, const std::string& local_path,
                         const std::string& remote_path, unsigned mode) {
  UniqueFd in(open(local_path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!in) return invalid_input(fmt::format("cannot read {}: {}", local_path, strerror(errno)));
  std::string what = fmt::format("copying {} to the guest's {}", local_path, remote_path);
  SftpFileHandle out(sftp_open(sftp, remote_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                               static_cast<mode_t>(mode)));
  if (!out) return transfer_error(sftp, what);
  std::array<char, kChunk> buf{};
  while (true) {
    if (cancelled()) return cancelled_error(what);
    ssize_t n = read(in.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return invalid_input(fmt::format("cannot read {}: {}", local_path, strerror(errno)));
    if (n == 0) break;
    if (sftp_write(out.get(), buf.data(), static_cast<std::size_t>(n)) != n) {
      return transfer_error(sftp, what);
    }
  }
  if (sftp_close(out.release()) != SSH_NO_ERROR) return transfer_error(sftp, what);
  // The remote umask applied at creation; set the mode exactly.
  if (sftp_chmod(sftp, remote_path.c_str(), static_cast<mode_t>(mode)) != 0) {
    return transfer_error(sftp, what);
  }
  return {};
}

Result<void> sftp_download(sftp_session sftp, const std::string& remote_path,
                           const std::string& local_path, std::size_t max_bytes) {
  std::string what = fmt::format("copying the guest's {} to {}", remote_path, local_path);
  SftpFileHandle in(sftp_open(sftp, remote_path.c_str(), O_RDONLY, 0));
  if (!in) return transfer_error(sftp, what);
  SftpAttributesHandle attrs(sftp_fstat(in.get()));
  if (attrs && attrs->size > max_bytes) {
    return coded_error(kGuestTransferFailed, fmt::format("{}: {} bytes, more than the limit of {}",
                                                         what, attrs->size, max_bytes));
  }
  auto out = StagedFile::create(local_path, 0644);
  if (!out) return std::move(out).error();
  std::array<char, kChunk> buf{};
  std::size_t total = 0;
  while (true) {
    if (cancelled()) return cancelled_error(what);
    ssize_t n = sftp_read(in.get(), buf.data(), buf.size());
    if (n < 0) return transfer_error(sftp, what);
    if (n == 0) break;
    total += static_cast<std::size_t>(n);
    if (total > max_bytes) {
      return coded_error(kGuestTransferFailed,
                         fmt::format("{}: more than the limit of {} bytes", what, max_bytes));
    }
    if (auto w = out->write(buf.data(), static_cast<std::size_t>(n)); !w) return w;
  }
  return out->commit();
}

}  // namespace bpfcompat::transport
