#include "bpfcompat/transport/ssh_keys.h"

#include <fmt/format.h>

#include "ssh_handles.h"
#include "ssh_key_codec.h"
#include "staged_file.h"

namespace bpfcompat::transport {

Result<SshKeyPair> generate_ed25519_key(const std::string& comment) {
  if (comment.find_first_of(" \t\r\n") != std::string::npos) {
    return invalid_input(fmt::format("ssh key comment '{}' contains whitespace", comment));
  }
  ssh_key raw = nullptr;
  if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &raw) != SSH_OK) {
    return internal_error("cannot generate an ed25519 key");
  }
  KeyHandle key(raw);
  char* pem = nullptr;
  // For ed25519, libssh exports the OpenSSH container ("BEGIN OPENSSH PRIVATE KEY").
  if (ssh_pki_export_privkey_base64(key.get(), nullptr, nullptr, nullptr, &pem) != SSH_OK) {
    return internal_error("cannot export an ed25519 private key");
  }
  SshKeyPair pair;
  pair.private_pem = SshStringHandle(pem).get();
  if (pair.private_pem.empty() || pair.private_pem.back() != '\n') pair.private_pem += '\n';
  auto line = public_line_of(key.get());
  if (!line) return std::move(line).error();
  pair.public_line = comment.empty() ? *line : fmt::format("{} {}", *line, comment);
  auto fp = fingerprint_of(key.get());
  if (!fp) return std::move(fp).error();
  pair.fingerprint = std::move(*fp);
  return pair;
}

Result<void> write_key_pair(const SshKeyPair& keys, const std::string& private_path) {
  if (auto w = write_file_with_mode(private_path, keys.private_pem, 0600); !w) return w;
  return write_file_with_mode(private_path + ".pub", keys.public_line + "\n", 0644);
}

Result<std::string> public_key_fingerprint(const std::string& public_line) {
  auto key = import_public_key(public_line);
  if (!key) return std::move(key).error();
  return fingerprint_of(key->get());
}

}  // namespace bpfcompat::transport
