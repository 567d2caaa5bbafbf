// Ctrl-C ends a run with exit 130 and no QEMU left; SIGKILL of bpfcompat leaves no QEMU either
// (each QEMU dies with it through PR_SET_PDEATHSIG).
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "bpfcompat/core/subprocess.h"
#include "bpfcompat/core/temp_dir.h"
#include "support/qemu_processes.h"

namespace bpfcompat {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

using testing::count_qemu;
using testing::wait_until;

struct RunningTest {
  std::unique_ptr<TempDir> dir;
  std::optional<Subprocess> proc;
};

RunningTest start_run() {
  RunningTest r;
  auto d = TempDir::create("e2e-signals");
  EXPECT_TRUE(d);
  r.dir = std::make_unique<TempDir>(std::move(*d));
  std::vector<std::string> argv = {
      BPFCOMPAT_BIN, "test",
      "--artifact",  std::string(EXAMPLES_BUILD_DIR) + "/ringbuf.bpf.o",
      "--workdir",   r.dir->path() + "/work",
      "--out",       r.dir->path() + "/report.json"};
  auto p = Subprocess::spawn(argv, SpawnOptions{r.dir->path() + "/output.log", {}, false});
  EXPECT_TRUE(p);
  r.proc.emplace(std::move(*p));
  return r;
}

TEST(Signals, SigintExits130AndLeavesNoQemu) {
  auto run = start_run();
  std::string marker = run.dir->path();
  ASSERT_TRUE(wait_until([&] { return count_qemu(marker) > 0; }, 600s)) << "no QEMU started";
  ASSERT_EQ(kill(run.proc->pid(), SIGINT), 0);
  auto status = run.proc->wait_for(60s);
  ASSERT_TRUE(status) << "bpfcompat did not stop after SIGINT";
  EXPECT_EQ(status->code, 130);
  EXPECT_EQ(count_qemu(marker), 0);
  // Interrupted runs still write a report of what finished (whole, or not at all).
  EXPECT_TRUE(fs::exists(marker + "/report.json"));
}

TEST(Signals, SigkillLeavesNoQemu) {
  auto run = start_run();
  std::string marker = run.dir->path();
  ASSERT_TRUE(wait_until([&] { return count_qemu(marker) > 0; }, 600s)) << "no QEMU started";
  ASSERT_EQ(kill(run.proc->pid(), SIGKILL), 0);
  auto status = run.proc->wait_for(10s);
  ASSERT_TRUE(status);
  EXPECT_EQ(status->signal, SIGKILL);
  EXPECT_TRUE(wait_until([&] { return count_qemu(marker) == 0; }, 5s))
      << count_qemu(marker) << " QEMU process(es) outlived bpfcompat";
}

}  // namespace
}  // namespace bpfcompat
