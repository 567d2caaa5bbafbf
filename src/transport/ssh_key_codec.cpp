#include "ssh_key_codec.h"

#include <fmt/format.h>

namespace bpfcompat::transport {

Result<KeyHandle> import_private_key(const std::string& pem) {
  ssh_key raw = nullptr;
  if (ssh_pki_import_privkey_base64(pem.c_str(), nullptr, nullptr, nullptr, &raw) != SSH_OK) {
    return invalid_input("cannot parse ssh private key (expected an unencrypted OpenSSH key)");
  }
  return KeyHandle(raw);
}

Result<KeyHandle> import_public_key(const std::string& public_line) {
  auto type_end = public_line.find(' ');
  if (type_end == std::string::npos) {
    return invalid_input(fmt::format("cannot parse ssh public key '{}'", public_line));
  }
  std::string type = public_line.substr(0, type_end);
  auto b64_start = public_line.find_first_not_of(' ', type_end);
  auto b64_end = public_line.find_first_of(" \n", b64_start);
  std::string b64 = b64_start == std::string::npos
                        ? std::string()
                        : public_line.substr(b64_start, b64_end - b64_start);
  enum ssh_keytypes_e key_type = ssh_key_type_from_name(type.c_str());
  ssh_key raw = nullptr;
  if (key_type == SSH_KEYTYPE_UNKNOWN || b64.empty() ||
      ssh_pki_import_pubkey_base64(b64.c_str(), key_type, &raw) != SSH_OK) {
    return invalid_input(fmt::format("cannot parse ssh public key '{}'", public_line));
  }
  return KeyHandle(raw);
}

Result<std::string> public_line_of(ssh_key key) {
  char* raw = nullptr;
  if (ssh_pki_export_pubkey_base64(key, &raw) != SSH_OK) {
    return internal_error("cannot export ssh public key");
  }
  SshStringHandle b64(raw);
  return fmt::format("{} {}", ssh_key_type_to_char(ssh_key_type(key)), b64.get());
}

Result<std::string> fingerprint_of(ssh_key key) {
  unsigned char* hash = nullptr;
  size_t len = 0;
  if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &len) != 0) {
    return internal_error("cannot hash ssh public key");
  }
  SshStringHandle text(ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, len));
  ssh_clean_pubkey_hash(&hash);
  if (!text) return internal_error("cannot format ssh key fingerprint");
  return std::string(text.get());
}

}  // namespace bpfcompat::transport
