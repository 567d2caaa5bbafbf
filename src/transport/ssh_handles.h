// RAII owners of libssh handles. Private to transport: the only module that includes libssh.
#pragma once

#include <libssh/libssh.h>
#include <libssh/sftp.h>

#include <memory>

namespace bpfcompat::transport {

struct KeyFree {
  void operator()(ssh_key k) const { ssh_key_free(k); }
};
// Frees the session without a disconnect message (safe on a half-open connection).
struct SessionFree {
  void operator()(ssh_session s) const { ssh_free(s); }
};
struct ChannelFree {
  void operator()(ssh_channel c) const {
    if (ssh_channel_is_open(c) != 0) ssh_channel_close(c);
    ssh_channel_free(c);
  }
};
struct SftpFree {
  void operator()(sftp_session s) const { sftp_free(s); }
};
struct SftpFileClose {
  void operator()(sftp_file f) const { sftp_close(f); }
};
struct SftpAttributesFree {
  void operator()(sftp_attributes a) const { sftp_attributes_free(a); }
};
struct SshStringFree {
  void operator()(char* p) const { ssh_string_free_char(p); }
};

using KeyHandle = std::unique_ptr<ssh_key_struct, KeyFree>;
using SessionHandle = std::unique_ptr<ssh_session_struct, SessionFree>;
using ChannelHandle = std::unique_ptr<ssh_channel_struct, ChannelFree>;
using SftpHandle = std::unique_ptr<sftp_session_struct, SftpFree>;
using SftpFileHandle = std::unique_ptr<sftp_file_struct, SftpFileClose>;
using SftpAttributesHandle = std::unique_ptr<sftp_attributes_struct, SftpAttributesFree>;
using SshStringHandle = std::unique_ptr<char, SshStringFree>;

}  // namespace bpfcompat::transport
