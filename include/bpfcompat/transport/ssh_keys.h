// Ed25519 key pairs made in process: the per-run client key and each guest's SSH host key
// (injected through cloud-init, then pinned by the client). Keys only touch the run directory.
#pragma once

#include <string>

#include "bpfcompat/core/result.h"

namespace bpfcompat::transport {

struct SshKeyPair {
  std::string private_pem;  // "-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END ...-----\n"
  std::string public_line;  // "ssh-ed25519 AAAA... comment" (no newline)
  std::string fingerprint;  // "SHA256:<base64, unpadded>", as ssh-keygen -l prints it
};

// A fresh ed25519 key pair; `comment` ends the public line (no whitespace allowed in it).
Result<SshKeyPair> generate_ed25519_key(const std::string& comment);

// Writes private_path (mode 0600, atomically) and private_path + ".pub" (mode 0644).
Result<void> write_key_pair(const SshKeyPair& keys, const std::string& private_path);

// "SHA256:..." of a public key line ("ssh-ed25519 AAAA... [comment]"); invalid_input if unparsable.
Result<std::string> public_key_fingerprint(const std::string& public_line);

}  // namespace bpfcompat::transport
