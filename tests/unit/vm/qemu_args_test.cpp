#include "bpfcompat/vm/qemu_args.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace bpfcompat::vm {
namespace {

QemuConfig sample_config() {
  QemuConfig c;
  c.kernel = "/k/vmlinuz";
  c.initrd = "/k/initrd.cpio.gz";
  c.console_log = "/run/t/serial.log";
  c.results_path = "/run/t/results.jsonl";
  return c;
}

// The value following `flag`, or "" when the flag is absent.
std::string value_of(const std::vector<std::string>& argv, const std::string& flag) {
  auto it = std::find(argv.begin(), argv.end(), flag);
  return it == argv.end() || it + 1 == argv.end() ? "" : *(it + 1);
}

std::vector<std::string> values_of(const std::vector<std::string>& argv, const std::string& flag) {
  std::vector<std::string> values;
  for (std::size_t i = 0; i + 1 < argv.size(); ++i) {
    if (argv[i] == flag) values.push_back(argv[i + 1]);
  }
  return values;
}

bool contains(const std::vector<std::string>& argv, const std::string& item) {
  return std::find(argv.begin(), argv.end(), item) != argv.end();
}

TEST(QemuArgs, AcceleratorSelectsCpuModel) {
  struct Case {
    Accel accel;
    std::string accel_value;
    std::string cpu;
  };
  for (const Case& c :
       {Case{Accel::kTcg, "tcg,tb-size=64", "max"}, Case{Accel::kKvm, "kvm", "host"}}) {
    QemuConfig config = sample_config();
    config.accel = c.accel;
    auto argv = build_qemu_args(config);
    EXPECT_EQ(values_of(argv, "-accel"), std::vector<std::string>{c.accel_value});
    EXPECT_EQ(value_of(argv, "-cpu"), c.cpu);
  }
}

TEST(QemuArgs, StartsWithTheBinary) {
  QemuConfig config = sample_config();
  config.binary = "/opt/qemu/bin/qemu-system-x86_64";
  EXPECT_EQ(build_qemu_args(config).front(), "/opt/qemu/bin/qemu-system-x86_64");
}

TEST(QemuArgs, PassesMemoryCpusKernelAndInitrd) {
  QemuConfig config = sample_config();
  config.memory_mb = 96;
  config.cpus = 2;
  auto argv = build_qemu_args(config);
  EXPECT_EQ(value_of(argv, "-m"), "96");
  EXPECT_EQ(value_of(argv, "-smp"), "2");
  EXPECT_EQ(value_of(argv, "-kernel"), "/k/vmlinuz");
  EXPECT_EQ(value_of(argv, "-initrd"), "/k/initrd.cpio.gz");
  EXPECT_EQ(value_of(argv, "-M"), "pc");
}

TEST(QemuArgs, ConsoleIsFirstUartAndResultsSecond) {
  auto argv = build_qemu_args(sample_config());
  EXPECT_EQ(values_of(argv, "-serial"),
            (std::vector<std::string>{"file:/run/t/serial.log", "file:/run/t/results.jsonl"}));
}

TEST(QemuArgs, NothingOfQemuReachesStdio) {
  auto argv = build_qemu_args(sample_config());
  EXPECT_FALSE(contains(argv, "-nographic"));  // would put a monitor on stdio
  EXPECT_TRUE(contains(argv, "-nodefaults"));
  EXPECT_EQ(value_of(argv, "-display"), "none");
  EXPECT_EQ(value_of(argv, "-monitor"), "none");
  EXPECT_EQ(value_of(argv, "-nic"), "none");
  EXPECT_TRUE(contains(argv, "-no-reboot"));
}

TEST(QemuArgs, KernelCommandLineIsOursThenTheExtras) {
  struct Case {
    std::string extra;
    std::string expected;
  };
  for (const Case& c : {Case{"", base_kernel_cmdline()},
                        Case{"ipv6.disable=1", base_kernel_cmdline() + " ipv6.disable=1"}}) {
    QemuConfig config = sample_config();
    config.append = c.extra;
    EXPECT_EQ(value_of(build_qemu_args(config), "-append"), c.expected);
  }
}

TEST(QemuArgs, BaseCommandLineConsoleOnFirstUartAndPanicEndsVm) {
  std::string cmdline = base_kernel_cmdline();
  EXPECT_NE(cmdline.find("console=ttyS0"), std::string::npos);
  EXPECT_NE(cmdline.find("panic=-1"), std::string::npos);
  EXPECT_EQ(cmdline.find("panic_on_oops"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat::vm
