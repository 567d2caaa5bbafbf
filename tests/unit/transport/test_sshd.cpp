#include "test_sshd.h"

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <thread>

#include <fmt/format.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/unique_fd.h"

namespace bpfcompat::transport {

int free_local_port() {
  UniqueFd fd(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  auto* sa = reinterpret_cast<sockaddr*>(&addr);
  if (!fd || bind(fd.get(), sa, sizeof addr) != 0 || getsockname(fd.get(), sa, &len) != 0) {
    return -1;
  }
  return ntohs(addr.sin_port);
}

Result<TestSshd> TestSshd::prepare(const std::string& dir, const SshKeyPair& host_key,
                                   const std::string& authorized_key) {
  int port = free_local_port();
  if (port <= 0) return infrastructure_error("no free local port");
  if (auto w = write_key_pair(host_key, dir + "/host_key"); !w) return w.error();
  if (auto w = write_file_atomic(dir + "/authorized_keys", authorized_key + "\n"); !w) {
    return w.error();
  }
  std::string config = fmt::format(
      "ListenAddress 127.0.0.1\nPort {port}\nHostKey {dir}/host_key\n"
      "AuthorizedKeysFile {dir}/authorized_keys\nPidFile none\nUsePAM no\nStrictModes no\n"
      "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
      "PermitRootLogin prohibit-password\nSubsystem sftp internal-sftp\nLogLevel VERBOSE\n",
      fmt::arg("port", port), fmt::arg("dir", dir));
  if (auto w = write_file_atomic(dir + "/sshd_config", config); !w) return w.error();
  // sshd started as root insists on its privilege separation directory.
  if (geteuid() == 0) mkdir("/run/sshd", 0755);
  return TestSshd(dir, port);
}

Result<void> TestSshd::start() {
  SpawnOptions opts;
  opts.stdout_path = dir_ + "/sshd.log";
  auto p = Subprocess::spawn({kSshdBinary, "-D", "-e", "-f", dir_ + "/sshd_config"}, opts);
  if (!p) return std::move(p).error();
  process_.emplace(std::move(*p));
  return {};
}

std::string TestSshd::log() const {
  return read_file(dir_ + "/sshd.log").value_or(std::string());
}

bool TestSshd::wait_for_log(const std::string& text, std::chrono::milliseconds timeout) const {
  auto until = std::chrono::steady_clock::now() + timeout;
  while (log().find(text) == std::string::npos) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

void SshdTest::SetUp() {
  if (access(kSshdBinary, X_OK) != 0) {
    GTEST_SKIP() << kSshdBinary << " not installed (Debian package openssh-server)";
  }
  auto dir = TempDir::create("bpfcompat-sshd");
  ASSERT_TRUE(dir) << dir.error().describe();
  dir_.emplace(std::move(*dir));
  auto client = generate_ed25519_key("client@bpfcompat-test");
  auto host = generate_ed25519_key("host@bpfcompat-test");
  ASSERT_TRUE(client && host);
  client_ = *client;
  host_ = *host;
  auto sshd = TestSshd::prepare(dir_->path(), host_, client_.public_line);
  ASSERT_TRUE(sshd) << sshd.error().describe();
  sshd_.emplace(std::move(*sshd));
}

SshEndpoint SshdTest::endpoint() const {
  SshEndpoint ep;
  ep.port = sshd_->port();
  const passwd* pw = getpwuid(geteuid());
  ep.user = pw != nullptr ? pw->pw_name : "root";
  ep.client_private_key_pem = client_.private_pem;
  ep.expected_host_key_public = host_.public_line;
  return ep;
}

}  // namespace bpfcompat::transport
