// A cloud-image guest booted through the vm and transport modules: the SSH forward listens on
// 127.0.0.1 only, and the guest cannot open connections, neither to the host nor outside.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <gtest/gtest.h>

#include "bpfcompat/core/temp_dir.h"
#include "bpfcompat/core/unique_fd.h"
#include "bpfcompat/transport/ssh_keys.h"
#include "bpfcompat/transport/ssh_session.h"
#include "bpfcompat/vm/cloud_seed.h"
#include "bpfcompat/vm/cloud_vm.h"
#include "bpfcompat/vm/tcp_port.h"
#include "cloud_fixture.h"

namespace bpfcompat {
namespace {

using namespace std::chrono_literals;

// A non-blocking listener on 127.0.0.1:port.
UniqueFd listen_on_loopback(int port) {
  UniqueFd fd(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  int one = 1;
  setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(fd.get(), 4) != 0) {
    return UniqueFd();
  }
  return fd;
}

TEST(CloudNetwork, ForwardIsLoopbackOnlyAndTheGuestReachesNothing) {
  auto f = testing::cloud_fixture();
  if (!f.why_missing.empty()) GTEST_SKIP() << f.why_missing;
  auto dir = TempDir::create("e2e-cloud-net");
  ASSERT_TRUE(dir);
  auto client = transport::generate_ed25519_key("client");
  auto host = transport::generate_ed25519_key("host");
  ASSERT_TRUE(client && host);
  vm::CloudVmRequest req;
  req.memory_mb = 512;
  req.base_image = f.image;
  req.base_format = "qcow2";
  req.seed_path = dir->path() + "/seed.iso";
  req.work_dir = dir->path();
  req.console_log = dir->path() + "/serial.log";
  req.qemu_log = dir->path() + "/qemu.log";
  vm::CloudSeedSpec seed{"net-test-1",      "net-test",        "bpfc", client->public_line,
                         host->private_pem, host->public_line, ""};
  ASSERT_TRUE(vm::write_cloud_seed(seed, req.seed_path));
  auto guest = vm::CloudVm::start(req);
  ASSERT_TRUE(guest) << guest.error().describe();

  EXPECT_EQ(vm::tcp_listen_addresses(guest->ssh_port()), std::vector<std::string>{"127.0.0.1"});

  transport::SshEndpoint ep;
  ep.port = guest->ssh_port();
  ep.user = "bpfc";
  ep.client_private_key_pem = client->private_pem;
  ep.expected_host_key_public = host->public_line;
  auto ssh = transport::SshSession::connect(ep, std::chrono::steady_clock::now() + 240s);
  ASSERT_TRUE(ssh) << ssh.error().describe() << "\n" << vm::console_tail(req.console_log);

  auto port = vm::pick_free_local_port();
  ASSERT_TRUE(port);
  UniqueFd listener = listen_on_loopback(*port);
  ASSERT_TRUE(listener);
  auto try_connect = [&](const std::string& host_port) {
    auto r = ssh->exec({"timeout", "8", "bash", "-c", "echo hi > /dev/tcp/" + host_port},
                       dir->path() + "/out.txt", dir->path() + "/err.txt", 30s);
    EXPECT_TRUE(r) << r.error().describe();
    return r ? r->exit_code : 0;
  };
  // 10.0.2.2 is the host as user networking shows it; 1.1.1.1:53 is the internet.
  EXPECT_NE(try_connect("10.0.2.2/" + std::to_string(*port)), 0);
  EXPECT_NE(try_connect("1.1.1.1/53"), 0);
  int accepted = accept(listener.get(), nullptr, nullptr);
  EXPECT_LT(accepted, 0) << "the guest reached the host's listener";
  if (accepted >= 0) close(accepted);
  // The channel itself works: a command that should succeed does.
  auto ok = ssh->exec({"true"}, dir->path() + "/out.txt", dir->path() + "/err.txt", 30s);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->exit_code, 0);
  guest->kill();
}

}  // namespace
}  // namespace bpfcompat
