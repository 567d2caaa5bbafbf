#include "bpfcompat/core/subprocess.h"

#include <signal.h>

#include <gtest/gtest.h>

#include "bpfcompat/core/cancellation.h"

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

TEST(Subprocess, MissingProgramExits127) {
  auto run = run_captured({"/nonexistent/program"}, milliseconds(5000));
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status.code, 127);
}

}  // namespace
}  // namespace bpfcompat
