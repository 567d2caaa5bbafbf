#include "bpfcompat/core/subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/temp_dir.h"
#include "bpfcompat/core/unique_fd.h"

namespace bpfcompat {
namespace {

using std::chrono::milliseconds;

TEST(Subprocess, CapturesOutputAndExitCode) {
  auto run = run_captured({"sh", "-c", "echo hello; exit 3"}, milliseconds(5000));
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status.code, 3);
  EXPECT_EQ(run->output, "hello\n");
  EXPECT_FALSE(run->timed_out);
}

TEST(Subprocess, TimesOutAndKillsTheWholeGroup) {
  // The grandchild must die with its group, not linger.
  auto run = run_captured({"sh", "-c", "sleep 30 & sleep 30"}, milliseconds(200));
  ASSERT_TRUE(run);
  EXPECT_TRUE(run->timed_out);
  EXPECT_EQ(run->status.signal, SIGKILL);
}

TEST(Subprocess, DestructorKillsAndReaps) {
  pid_t pid = -1;
  {
    auto p = Subprocess::spawn({"sleep", "30"}, {});
    ASSERT_TRUE(p);
    pid = p->pid();
    EXPECT_FALSE(p->poll());
  }
  EXPECT_EQ(kill(pid, 0), -1);  // reaped: no such process
}

TEST(Subprocess, WaitStopsOnCancellation) {
  auto p = Subprocess::spawn({"sleep", "30"}, {});
  ASSERT_TRUE(p);
  request_cancellation(SIGINT);
  EXPECT_FALSE(p->wait_for(milliseconds(10000)));
  reset_cancellation();
}

TEST(Subprocess, InheritsOnlyTheListedCloexecFds) {
  auto dir = TempDir::create("subprocess-test");
  ASSERT_TRUE(dir);
  UniqueFd listed(open("/dev/null", O_RDONLY | O_CLOEXEC));
  UniqueFd other(open("/dev/null", O_RDONLY | O_CLOEXEC));
  ASSERT_TRUE(listed && other);
  std::string script = "test -e /proc/self/fd/" + std::to_string(listed.get()) +
                       " && echo listed; test -e /proc/self/fd/" + std::to_string(other.get()) +
                       " && echo other; true";
  SpawnOptions opts{dir->path() + "/out", {}, false};
  opts.inherit_fds = {listed.get()};
  auto proc = Subprocess::spawn({"sh", "-c", script}, opts);
  ASSERT_TRUE(proc);
  auto status = proc->wait_for(milliseconds(5000));
  ASSERT_TRUE(status);
  FILE* f = fopen((dir->path() + "/out").c_str(), "r");
  ASSERT_NE(f, nullptr);
  char buf[64] = {};
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  EXPECT_EQ(std::string(buf, n), "listed\n");
  // The parent's fd keeps its close-on-exec flag.
  EXPECT_NE(fcntl(listed.get(), F_GETFD) & FD_CLOEXEC, 0);
}

TEST(Subprocess, MissingProgramExits127) {
  auto run = run_captured({"/nonexistent/program"}, milliseconds(5000));
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status.code, 127);
}

}  // namespace
}  // namespace bpfcompat
