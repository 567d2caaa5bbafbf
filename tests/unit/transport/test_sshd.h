// A real OpenSSH sshd on 127.0.0.1 and a free port, with a host key and client key we generate:
// the guest's side of the SSH transport, without a VM. Killed with its process group.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "bpfcompat/core/subprocess.h"
#include "bpfcompat/core/temp_dir.h"
#include "bpfcompat/transport/ssh_keys.h"
#include "bpfcompat/transport/ssh_session.h"

namespace bpfcompat::transport {

inline constexpr const char* kSshdBinary = "/usr/sbin/sshd";

// A TCP port on 127.0.0.1 that nothing listened on a moment ago.
int free_local_port();

class TestSshd {
 public:
  // Writes the host key, authorized_keys and sshd_config under dir; does not start sshd.
  static Result<TestSshd> prepare(const std::string& dir, const SshKeyPair& host_key,
                                  const std::string& authorized_key);
  Result<void> start();
  int port() const { return port_; }
  std::string log() const;
  // Polls the log until it contains `text`; false after `timeout`.
  bool wait_for_log(const std::string& text, std::chrono::milliseconds timeout) const;

 private:
  TestSshd(std::string dir, int port) : dir_(std::move(dir)), port_(port) {}
  std::string dir_;
  int port_ = 0;
  std::optional<Subprocess> process_;
};

// Keys, a prepared (not started) sshd and the endpoint that logs into it. Skips without sshd.
class SshdTest : public ::testing::Test {
 protected:
  void SetUp() override;
  SshEndpoint endpoint() const;
  std::chrono::steady_clock::time_point in(std::chrono::milliseconds d) const {
    return std::chrono::steady_clock::now() + d;
  }
  std::string path(const std::string& name) const { return dir_->path() + "/" + name; }

  std::optional<TempDir> dir_;
  SshKeyPair client_;
  SshKeyPair host_;
  std::optional<TestSshd> sshd_;
};

}  // namespace bpfcompat::transport
