// The cloud-image lane's pure pieces: QEMU argv, boot-stage triage, /proc/net/tcp parsing.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bpfcompat/vm/boot_stage.h"
#include "bpfcompat/vm/cloud_qemu_args.h"
#include "bpfcompat/vm/tcp_port.h"

namespace bpfcompat::vm {
namespace {

CloudQemuConfig sample() {
  CloudQemuConfig c;
  c.cpus = 2;
  c.memory_mb = 768;
  c.disk_fd_rw = 5;
  c.disk_fd_ro = 6;
  c.seed_fd = 7;
  c.ssh_port = 40022;
  c.console_log = "/run/x/serial.log";
  return c;
}

// The value after `flag` at its n-th occurrence, or "" when absent.
std::string after(const std::vector<std::string>& argv, const std::string& flag, int nth = 0) {
  for (std::size_t i = 0; i + 1 < argv.size(); ++i) {
    if (argv[i] == flag && nth-- == 0) return argv[i + 1];
  }
  return {};
}

bool has(const std::vector<std::string>& argv, const std::string& item) {
  return std::find(argv.begin(), argv.end(), item) != argv.end();
}

TEST(CloudQemuArgs, BuildsTheDisposableVmCommandLine) {
  auto argv = build_cloud_qemu_args(sample());
  struct Case {
    const char* flag;
    int nth;
    const char* want;
  };
  const std::vector<Case> cases = {
      {"-accel", 0, "tcg,tb-size=64"},
      {"-cpu", 0, "max"},
      {"-M", 0, "pc"},
      {"-m", 0, "768"},
      {"-smp", 0, "2"},
      {"-display", 0, "none"},
      {"-monitor", 0, "none"},
      {"-add-fd", 0, "fd=5,set=1,opaque=disk-rw"},
      {"-add-fd", 1, "fd=6,set=1,opaque=disk-ro"},
      {"-add-fd", 2, "fd=7,set=2,opaque=seed"},
      {"-drive", 0, "file=/dev/fdset/1,if=virtio,format=qcow2,cache=unsafe"},
      {"-drive", 1, "file=/dev/fdset/2,if=virtio,format=raw,readonly=on"},
      {"-netdev", 0, "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:40022-:22"},
      {"-device", 0, "virtio-net-pci,netdev=n0"},
      {"-serial", 0, "file:/run/x/serial.log"},
  };
  for (const auto& c : cases) EXPECT_EQ(after(argv, c.flag, c.nth), c.want) << c.flag;
  EXPECT_EQ(argv[0], "qemu-system-x86_64");
  for (const char* flag : {"-nodefaults", "-no-user-config", "-no-reboot"})
    EXPECT_TRUE(has(argv, flag)) << flag;
  for (const char* flag : {"-cdrom", "-kernel", "-initrd", "-append", "-nic"})
    EXPECT_FALSE(has(argv, flag)) << flag;
}

TEST(CloudQemuArgs, DirectKernelBootAndRawDisksAndKvm) {
  auto c = sample();
  c.kernel = "/k/vmlinuz";
  c.initrd = "/k/initrd.img";
  c.append = "root=LABEL=cloudroot ro console=ttyS0";
  c.disk_format = "raw";
  c.accel = Accel::kKvm;
  auto argv = build_cloud_qemu_args(c);
  EXPECT_EQ(after(argv, "-kernel"), "/k/vmlinuz");
  EXPECT_EQ(after(argv, "-initrd"), "/k/initrd.img");
  EXPECT_EQ(after(argv, "-append"), "root=LABEL=cloudroot ro console=ttyS0");
  EXPECT_EQ(after(argv, "-drive"), "file=/dev/fdset/1,if=virtio,format=raw,cache=unsafe");
  EXPECT_EQ(after(argv, "-accel"), "kvm");
  EXPECT_EQ(after(argv, "-cpu"), "host");
}

TEST(BootStage, TriagesTheLastStageTheConsoleShows) {
  struct Case {
    const char* console;
    BootStage want;
  };
  const std::vector<Case> cases = {
      {"", BootStage::kNothing},
      {"SeaBIOS (version 1.16.3)\nBooting from Hard Disk...\n", BootStage::kFirmware},
      {"  Booting `Debian GNU/Linux (6.1.0-50-cloud-amd64)'\n", BootStage::kFirmware},
      {"SeaBIOS\n[    0.000000] Linux version 6.1.0-50-cloud-amd64 (debian-kernel@...)\n"
       "[    2.1] Kernel panic - not syncing: VFS: Unable to mount root fs\n",
       BootStage::kKernel},
      {"[    0.0] Linux version 6.1\n[    1.9] Run /init as init process\n", BootStage::kInit},
      {"[    4.2] systemd[1]: Detected virtualization qemu.\n", BootStage::kInit},
      {"[   29.1] cloud-init[212]: Cloud-init v. 22.4.2 running 'init-local'\n",
       BootStage::kCloudInit},
      {"[   35.0] cloud-init[300]: ...\n[  OK  ] Started ssh.service - OpenSSH server daemon.\n",
       BootStage::kSshd},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(last_boot_stage(c.console), c.want) << c.console;
  }
  EXPECT_STREQ(boot_stage_name(BootStage::kCloudInit), "cloud-init");
  EXPECT_NE(boot_stage_explanation(BootStage::kKernel).find("root"), std::string::npos);
}

TEST(TcpPort, ParsesListenersOfAPortFromProcNetTcp) {
  const std::string text =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid\n"
      "   0: 0100007F:9C56 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0\n"
      "   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0\n"
      "   2: 0100007F:9C56 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0\n";
  EXPECT_EQ(parse_tcp_listeners(text, 0x9C56), std::vector<std::string>{"127.0.0.1"});
  EXPECT_EQ(parse_tcp_listeners(text, 22), std::vector<std::string>{"0.0.0.0"});
  EXPECT_TRUE(parse_tcp_listeners(text, 23).empty());
}

TEST(TcpPort, PicksAFreeLoopbackPort) {
  auto port = pick_free_local_port();
  ASSERT_TRUE(port) << port.error().describe();
  EXPECT_GT(*port, 0);
  EXPECT_TRUE(tcp_listen_addresses(*port).empty());
}

}  // namespace
}  // namespace bpfcompat::vm
