// The cloud-image lane's first-boot config: a NoCloud seed, an ISO 9660 volume labelled "cidata"
// holding meta-data, user-data (#cloud-config: our user, our client key, our guest host key).
#pragma once

#include <string>

#include "bpfcompat/core/result.h"

namespace bpfcompat::vm {

struct CloudSeedSpec {
  std::string instance_id;       // new per boot, so cloud-init runs on the fresh overlay
  std::string hostname;          // [a-z0-9.-]
  std::string user;              // created with passwordless sudo, password locked; not root
  std::string authorized_key;    // client public key line ("ssh-ed25519 AAAA... comment")
  std::string host_key_private;  // the guest's ed25519 host key, OpenSSH PEM
  std::string host_key_public;   // its public line
  std::string network_config;    // optional network-config document, verbatim; empty: none
};

// The meta-data and user-data documents. invalid_input names the field that cannot be used.
Result<std::string> cloud_meta_data(const CloudSeedSpec& spec);
Result<std::string> cloud_user_data(const CloudSeedSpec& spec);

// Writes the seed ISO to iso_path atomically (temp file + rename).
Result<void> write_cloud_seed(const CloudSeedSpec& spec, const std::string& iso_path);

}  // namespace bpfcompat::vm
