// File copies over an open SFTP session (one per SSH session, reused for every copy).
#pragma once

#include <cstddef>
#include <string>

#include "bpfcompat/core/result.h"
#include "ssh_handles.h"

namespace bpfcompat::transport {

// Starts the SFTP subsystem; its own timeout because a slow guest answers it late.
Result<SftpHandle> open_sftp(ssh_session session);

Result<void> sftp_upload(sftp_session sftp, const std::string& local_path,
                         const std::string& remote_path, unsigned mode);
Result<void> sftp_download(sftp_session sftp, const std::string& remote_path,
                           const std::string& local_path, std::size_t max_bytes);

}  // namespace bpfcompat::transport
