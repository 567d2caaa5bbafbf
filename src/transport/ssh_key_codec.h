// Conversions between libssh keys and the text forms bpfcompat passes around (OpenSSH private
// key PEM, "type base64 comment" public lines, SHA256 fingerprints).
#pragma once

#include <string>

#include "bpfcompat/core/result.h"
#include "ssh_handles.h"

namespace bpfcompat::transport {

Result<KeyHandle> import_private_key(const std::string& pem);
Result<KeyHandle> import_public_key(const std::string& public_line);
// "type base64" of a public (or private) key.
Result<std::string> public_line_of(ssh_key key);
// "SHA256:..." of a key's public part.
Result<std::string> fingerprint_of(ssh_key key);

}  // namespace bpfcompat::transport
