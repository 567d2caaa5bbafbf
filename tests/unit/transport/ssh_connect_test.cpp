// Getting into the guest: pinned host key, retries while it boots, the deadline, cancellation.
#include <signal.h>

#include <future>

#include <gtest/gtest.h>

#include "bpfcompat/core/cancellation.h"
#include "test_sshd.h"

namespace bpfcompat::transport {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

using SshConnect = SshdTest;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

TEST_F(SshConnect, LogsInWithPinnedHostKey) {
  ASSERT_TRUE(sshd_->start());
  auto s = SshSession::connect(endpoint(), in(milliseconds(10000)));
  ASSERT_TRUE(s) << s.error().describe();
  EXPECT_EQ(s->host_key_fingerprint(), host_.fingerprint);
  EXPECT_TRUE(sshd_->wait_for_log("Accepted publickey", milliseconds(5000))) << sshd_->log();
}

TEST_F(SshConnect, RefusesUnexpectedHostKeyWithoutLoggingIn) {
  ASSERT_TRUE(sshd_->start());
  auto other = generate_ed25519_key("impostor");
  ASSERT_TRUE(other);
  SshEndpoint ep = endpoint();
  ep.expected_host_key_public = other->public_line;
  auto start = Clock::now();
  auto s = SshSession::connect(ep, in(milliseconds(10000)));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, kGuestHostKeyMismatch) << s.error().message;
  // The code is a field: the message a user reads does not repeat it.
  EXPECT_TRUE(s.error().message.starts_with("the guest presented host key ")) << s.error().message;
  EXPECT_NE(s.error().message.find(host_.fingerprint), std::string::npos);
  EXPECT_NE(s.error().message.find(other->fingerprint), std::string::npos);
  EXPECT_LT(seconds_since(start), 5.0);  // not retried until the deadline
  // The server saw the connection end before any authentication.
  EXPECT_TRUE(sshd_->wait_for_log("[preauth]", milliseconds(5000))) << sshd_->log();
  EXPECT_EQ(sshd_->log().find("Accepted"), std::string::npos) << sshd_->log();
  EXPECT_EQ(sshd_->log().find("Failed publickey"), std::string::npos) << sshd_->log();
}

TEST_F(SshConnect, ReportsRefusedClientKeyAsAuthFailed) {
  ASSERT_TRUE(sshd_->start());
  auto stranger = generate_ed25519_key("stranger");
  ASSERT_TRUE(stranger);
  SshEndpoint ep = endpoint();
  ep.client_private_key_pem = stranger->private_pem;
  auto s = SshSession::connect(ep, in(milliseconds(10000)));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, kAuthFailed) << s.error().message;
}

TEST_F(SshConnect, GivesUpAtTheDeadlineWhenNothingAnswers) {
  auto start = Clock::now();
  auto s = SshSession::connect(endpoint(), in(milliseconds(1000)));  // sshd never started
  double took = seconds_since(start);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, kGuestUnreachable) << s.error().message;
  EXPECT_GE(took, 0.95);
  EXPECT_LE(took, 1.5);
}

TEST_F(SshConnect, RetriesUntilTheGuestStartsSshd) {
  ConnectTiming quick;
  quick.max_backoff = milliseconds(400);  // keeps the test short; the default is 2 s
  auto pending = std::async(std::launch::async, [&] {
    return SshSession::connect(endpoint(), in(milliseconds(15000)), quick);
  });
  // Still trying after a second of refused connections, not failed.
  ASSERT_EQ(pending.wait_for(milliseconds(1000)), std::future_status::timeout);
  ASSERT_TRUE(sshd_->start());
  auto s = pending.get();
  ASSERT_TRUE(s) << s.error().describe();
  auto r = s->exec({"true"}, "", "", milliseconds(10000));
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->exit_code, 0);
}

TEST_F(SshConnect, StopsWhenCancelled) {
  request_cancellation(SIGINT);
  auto start = Clock::now();
  auto s = SshSession::connect(endpoint(), in(milliseconds(10000)));
  reset_cancellation();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kCancelled);
  EXPECT_LT(seconds_since(start), 1.0);
}

TEST(SshConnectInput, RejectsUnparsableExpectedHostKey) {
  SshEndpoint ep;
  ep.port = 1;
  ep.user = "u";
  ep.expected_host_key_public = "not a key";
  auto s = SshSession::connect(ep, Clock::now() + milliseconds(100));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kInvalidInput);
}

}  // namespace
}  // namespace bpfcompat::transport
