// Commands and copies over one established session to a real sshd.
#include "bpfcompat/transport/ssh_session.h"

#include <signal.h>
#include <sys/stat.h>

#include <thread>

#include <gtest/gtest.h>

#include "bpfcompat/core/file_io.h"
#include "test_sshd.h"

namespace bpfcompat::transport {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

class SshSessionTest : public SshdTest {
 protected:
  void SetUp() override {
    SshdTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(sshd_->start());
    auto s = SshSession::connect(endpoint(), in(milliseconds(10000)));
    ASSERT_TRUE(s) << s.error().describe();
    session_.emplace(std::move(*s));
  }
  // Runs argv; returns {result, stdout, stderr}.
  std::tuple<ExecResult, std::string, std::string> run(const std::vector<std::string>& argv,
                                                       milliseconds timeout = milliseconds(10000)) {
    auto r = session_->exec(argv, path("out"), path("err"), timeout);
    EXPECT_TRUE(r) << (r ? "" : r.error().describe());
    return {r.value_or(ExecResult{}), read_file(path("out")).value_or("<none>"),
            read_file(path("err")).value_or("<none>")};
  }
  std::optional<SshSession> session_;
};

TEST_F(SshSessionTest, ExecReturnsExitCodeAndStdout) {
  auto [r, out, err] = run({"sh", "-c", "echo hi; exit 3"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(out, "hi\n");
  EXPECT_EQ(err, "");
}

TEST_F(SshSessionTest, ExecWaitsForTheExitStatusAfterOutputEnds) {
  // Output closes at once; the status comes 0.3 s later and must not be lost.
  auto [r, out, err] = run({"sh", "-c", "echo early; exec >&- 2>&-; sleep 0.3; exit 4"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(out, "early\n");
}

TEST_F(SshSessionTest, ExecKeepsStderrApart) {
  auto [r, out, err] = run({"sh", "-c", "echo out; echo err >&2"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(out, "out\n");
  EXPECT_EQ(err, "err\n");
}

TEST_F(SshSessionTest, ExecPassesNastyArgumentsVerbatim) {
  auto [r, out, err] =
      run({"printf", "[%s]\\n", "a'b", "$(id)", "two  words", "*", "", "\\", ";exit 9"});
  EXPECT_EQ(r.exit_code, 0) << err;
  EXPECT_EQ(out, "[a'b]\n[$(id)]\n[two  words]\n[*]\n[]\n[\\]\n[;exit 9]\n");
}

TEST_F(SshSessionTest, ExecStreamsLargeOutputCompletely) {
  auto [r, out, err] = run({"sh", "-c", "head -c 1000000 /dev/zero | tr '\\0' x; echo done >&2"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(out.size(), 1000000u);
  EXPECT_EQ(err, "done\n");
}

TEST_F(SshSessionTest, ExecTimesOutAndTheSessionStaysUsable) {
  auto start = Clock::now();
  auto [r, out, err] =
      run({"sh", "-c", "echo $$ > \"$0\"; exec sleep 30", path("pid")}, milliseconds(300));
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), 3.0);
  // sshd refuses the KILL request for root logins (no privilege separation); the guest user
  // is never root, but here the "guest" is this machine, so clean up by hand.
  // Under load the command may only now be starting: wait for its pid.
  std::string pid;
  for (auto until = Clock::now() + milliseconds(5000); pid.empty() && Clock::now() < until;) {
    pid = read_file(path("pid")).value_or("");
    if (pid.empty()) std::this_thread::sleep_for(milliseconds(20));
  }
  ASSERT_FALSE(pid.empty());
  kill(std::stoi(pid), SIGKILL);
  auto [again, out2, err2] = run({"echo", "still here"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(out2, "still here\n");
}

TEST_F(SshSessionTest, UploadAndDownloadRoundTripWithMode) {
  std::string content(100000, '\0');
  for (std::size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>(i * 7);
  ASSERT_TRUE(write_file_atomic(path("local.bin"), content));
  std::string remote = path("remote.bin");  // the "guest" is this machine
  ASSERT_TRUE(session_->upload(path("local.bin"), remote, 0751));
  auto [r, out, err] = run({"stat", "-c", "%a", remote});
  EXPECT_EQ(out, "751\n");
  auto got = session_->download(remote, path("back.bin"), 1 << 20);
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_EQ(read_file(path("back.bin")).value_or(""), content);
}

TEST_F(SshSessionTest, DownloadRefusesFilesPastTheLimit) {
  ASSERT_TRUE(write_file_atomic(path("big"), std::string(5000, 'b')));
  auto got = session_->download(path("big"), path("big.copy"), 4096);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, kGuestTransferFailed) << got.error().message;
  struct stat st {};
  EXPECT_NE(stat(path("big.copy").c_str(), &st), 0);  // no half file
}

TEST_F(SshSessionTest, DownloadOfMissingFileNamesIt) {
  auto got = session_->download(path("missing"), path("x"), 4096);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, kGuestTransferFailed);
  EXPECT_NE(got.error().message.find("no such file"), std::string::npos) << got.error().message;
}

}  // namespace
}  // namespace bpfcompat::transport
