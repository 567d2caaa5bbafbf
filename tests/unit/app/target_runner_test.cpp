// run_target behind a fake lane: the policies every lane shares (retry of a failed preparation
// and of a failed boot, cancellation, staging failures, the work directory, infrastructure
// failures never judged as the object's incompatibility) — without QEMU.
#include "target_runner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <sstream>

#include "bpfcompat/core/cancellation.h"
#include "bpfcompat/core/temp_dir.h"

namespace bpfcompat::app {
namespace {

using classify::Status;

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A real validator stream (debian 12 guest, ringbuf.bpf.o loads and attaches).
std::string passing_stream() {
  return read_file(std::string(BPFCOMPAT_TEST_DATA) + "/validation/debian12-tracepoint-pass.jsonl");
}

// Scripted answers, in order; every call is counted.
struct FakeLane : Lane {
  std::vector<Result<std::string>> prepares;
  bool retry_prepare = true;
  Result<void> staged = Result<void>{};
  std::vector<BootAttempt> boots;
  int prepare_calls = 0, stage_calls = 0, boot_calls = 0;
  std::string staged_btf = "(not staged)";  // what the runner handed to stage
  std::function<void(int)> on_boot;         // e.g. cancel during a boot

  std::string source() const override { return "fake source"; }
  Result<std::string> prepare(TargetAssembly&) override {
    return prepares.at(static_cast<std::size_t>(prepare_calls++));
  }
  bool retry_preparation(const Error&) const override { return retry_prepare; }
  Result<void> stage(TargetAssembly&, const std::string& external_btf) override {
    ++stage_calls;
    staged_btf = external_btf;
    return staged;
  }
  std::string boot_label() const override { return "fake-kernel"; }
  BootAttempt boot(int attempt) override {
    ++boot_calls;
    if (on_boot) on_boot(attempt);
    return boots.at(static_cast<std::size_t>(attempt - 1));
  }
};

BootAttempt completed(const std::string& results) {
  BootAttempt a;
  vm::BootOutcome o;
  o.end_marker = true;
  o.results = results;
  a.outcome = o;
  return a;
}

BootAttempt no_outcome(const std::string& code, const std::string& retry_reason = "") {
  BootAttempt a;
  a.error = infrastructure_error("QEMU stopped before the guest was ready").with_code(code);
  a.console_tail = "[    0.1] console line";
  a.retry_reason = retry_reason;
  return a;
}

struct Events : EventSink {
  std::vector<Event> seen;
  std::mutex m;
  void on_event(const Event& e) override {
    std::lock_guard<std::mutex> lock(m);
    seen.push_back(e);
  }
  int count(EventKind kind) {
    int n = 0;
    for (const auto& e : seen) n += e.kind == kind;
    return n;
  }
};

class TargetRunner : public ::testing::Test {
 protected:
  void SetUp() override {
    reset_cancellation();
    auto d = TempDir::create("target-runner");
    ASSERT_TRUE(d);
    dir_.emplace(std::move(*d));
    entry_.profile.id = "debian-12";
    case_.name = "ringbuf.bpf.o";
    case_.artifact = plan::Artifact{"ringbuf.bpf.o", "/objects/ringbuf.bpf.o", "sha", {}};
    ctx_.entry = &entry_;
    ctx_.cases = {&case_};
    ctx_.evidence_dir = dir_->path() + "/debian-12";
    ctx_.events = &events_;
  }
  void TearDown() override { reset_cancellation(); }

  std::vector<report::TargetReport> run(FakeLane& lane) {
    auto reports = run_target(lane, ctx_);
    EXPECT_EQ(reports.size(), 1u);
    return reports;
  }

  std::optional<TempDir> dir_;
  config::MatrixEntry entry_;
  plan::Case case_;
  TargetContext ctx_;
  Events events_;
};

TEST_F(TargetRunner, ACompletedBootIsJudgedFromTheValidatorStream) {
  FakeLane lane;
  lane.prepares = {std::string("6.1.0-28-cloud-amd64")};
  lane.boots = {completed(passing_stream())};
  auto r = run(lane);
  EXPECT_EQ(r[0].verdict.status, Status::kPass) << r[0].verdict.reason;
  EXPECT_EQ(r[0].observed_kernel, "6.1.0-28-cloud-amd64");
  EXPECT_EQ(r[0].attempts, 1);
  EXPECT_EQ(lane.boot_calls, 1);
  EXPECT_EQ(events_.count(EventKind::kTargetDone), 1);
}

TEST_F(TargetRunner, AFailedPreparationIsRetriedOnceAndThenAMachineError) {
  FakeLane lane;
  auto down = infrastructure_error("mirror unreachable").with_code("DOWNLOAD_FAILED");
  lane.prepares = {down, down};
  auto r = run(lane);
  EXPECT_EQ(lane.prepare_calls, 2);
  EXPECT_EQ(lane.boot_calls, 0);
  EXPECT_EQ(r[0].verdict.status, Status::kError);  // never the object's incompatibility
  EXPECT_EQ(r[0].verdict.code, "DOWNLOAD_FAILED");
  EXPECT_EQ(events_.count(EventKind::kRetrying), 1);
}

TEST_F(TargetRunner, APermanentPreparationFailureIsTriedOnce) {
  FakeLane lane;
  auto gone = infrastructure_error("download of http://mirror/repodata/repomd.xml failed: HTTP 404")
                  .with_code("DOWNLOAD_FAILED");
  gone.permanent = true;
  lane.prepares = {gone, gone};
  auto r = run(lane);
  EXPECT_EQ(lane.prepare_calls, 1);
  EXPECT_EQ(events_.count(EventKind::kRetrying), 0);
  EXPECT_EQ(r[0].verdict.status, Status::kError);
  EXPECT_EQ(r[0].verdict.code, "DOWNLOAD_FAILED");
}

TEST_F(TargetRunner, APreparationTheLaneSaysIsNotWorthRetryingIsTriedOnce) {
  FakeLane lane;
  lane.retry_prepare = false;
  lane.prepares = {Result<std::string>(infrastructure_error("no such package"))};
  auto r = run(lane);
  EXPECT_EQ(lane.prepare_calls, 1);
  EXPECT_EQ(r[0].verdict.status, Status::kError);
  EXPECT_EQ(r[0].verdict.code, "PREPARE_FAILED");  // the runner's code when the error has none
}

TEST_F(TargetRunner, ABootWorthRetryingIsBootedOnceMoreAndTheReasonKept) {
  FakeLane lane;
  lane.prepares = {std::string("ready")};
  lane.boots = {no_outcome("BOOT_TIMEOUT", "no end marker"), completed(passing_stream())};
  auto r = run(lane);
  EXPECT_EQ(lane.boot_calls, 2);
  EXPECT_EQ(r[0].verdict.status, Status::kPass);
  EXPECT_EQ(r[0].attempts, 2);
  EXPECT_EQ(r[0].retry_reason, "no end marker");
}

TEST_F(TargetRunner, ABootIsRetriedAtMostOnce) {
  FakeLane lane;
  lane.prepares = {std::string("ready")};
  lane.boots = {no_outcome("QEMU_FAILED", "qemu died"), no_outcome("QEMU_FAILED", "qemu died")};
  auto r = run(lane);
  EXPECT_EQ(lane.boot_calls, 2);
  EXPECT_EQ(r[0].verdict.status, Status::kError);
  EXPECT_EQ(r[0].verdict.code, "QEMU_FAILED");
  EXPECT_EQ(r[0].console_tail, "[    0.1] console line");
}

TEST_F(TargetRunner, AStagingFailureNeverBootsAndIsAMachineError) {
  FakeLane lane;
  lane.prepares = {std::string("ready")};
  lane.staged = Result<void>(infrastructure_error("disk full"));
  auto r = run(lane);
  EXPECT_EQ(lane.boot_calls, 0);
  EXPECT_EQ(r[0].verdict.status, Status::kError);
  EXPECT_EQ(r[0].verdict.code, "STAGING_FAILED");
}

TEST_F(TargetRunner, ACancelledRunDoesNotStart) {
  request_cancellation(2);
  FakeLane lane;
  auto r = run(lane);
  EXPECT_EQ(lane.prepare_calls, 0);
  EXPECT_EQ(r[0].verdict.code, "INTERRUPTED");
  EXPECT_EQ(r[0].verdict.status, Status::kError);
}

TEST_F(TargetRunner, CancellingDuringABootIsInterruptedAndNotRetried) {
  FakeLane lane;
  lane.prepares = {std::string("ready")};
  lane.boots = {no_outcome("QEMU_FAILED", "qemu died"), completed(passing_stream())};
  lane.on_boot = [](int) { request_cancellation(15); };
  auto r = run(lane);
  EXPECT_EQ(lane.boot_calls, 1);
  EXPECT_EQ(r[0].verdict.code, "INTERRUPTED");
}

TEST_F(TargetRunner, WithoutExternalBtfTheLaneIsStagedWithNone) {
  FakeLane lane;
  lane.prepares = {std::string("ready")};
  lane.boots = {completed(passing_stream())};
  run(lane);
  EXPECT_EQ(lane.staged_btf, "");
}

// The profile's `btf:` is prepared by the runner, once, for whichever lane: the lane only gets
// the host path at stage.
TEST_F(TargetRunner, TheProfilesExternalBtfIsPreparedOnceAndHandedToStage) {
  std::string btf = dir_->path() + "/vmlinux.btf";
  std::ofstream(btf, std::ios::binary) << std::string("\x9f\xeb\x01\x00", 4) << "types";
  sources::Cache cache(dir_->path() + "/cache");
  ctx_.cache = &cache;
  entry_.profile.btf = config::BtfSource{};
  entry_.profile.btf->path = btf;
  FakeLane lane;
  lane.prepares = {std::string("ready")};
  lane.boots = {completed(passing_stream())};
  auto r = run(lane);
  EXPECT_EQ(lane.prepare_calls, 1);
  EXPECT_EQ(lane.staged_btf, btf);
  EXPECT_EQ(r[0].verdict.status, Status::kPass) << r[0].verdict.reason;
}

TEST_F(TargetRunner, ABtfFileThatIsNotBtfIsBtfUnavailableAndNeverStaged) {
  std::string btf = dir_->path() + "/vmlinux.btf.tar.xz";
  std::ofstream(btf) << "not btf";
  sources::Cache cache(dir_->path() + "/cache");
  ctx_.cache = &cache;
  entry_.profile.btf = config::BtfSource{};
  entry_.profile.btf->path = btf;
  FakeLane lane;
  lane.prepares = {std::string("ready")};
  auto r = run(lane);
  EXPECT_EQ(lane.prepare_calls, 1);  // invalid input: not retried
  EXPECT_EQ(lane.stage_calls, 0);
  EXPECT_EQ(r[0].verdict.status, Status::kError);
  EXPECT_EQ(r[0].verdict.code, "BTF_UNAVAILABLE");
  EXPECT_NE(r[0].verdict.reason.find(btf), std::string::npos) << r[0].verdict.reason;
}

TEST_F(TargetRunner, TheWorkDirectoryIsRemovedUnlessKept) {
  for (bool keep : {false, true}) {
    FakeLane lane;
    lane.prepares = {std::string("ready")};
    lane.boots = {completed(passing_stream())};
    std::string work = ctx_.evidence_dir + "/work";
    lane.on_boot = [&](int) { std::filesystem::create_directories(work); };
    ctx_.keep = keep;
    run(lane);
    EXPECT_EQ(std::filesystem::exists(work), keep) << "keep=" << keep;
    std::filesystem::remove_all(work);
  }
}

}  // namespace
}  // namespace bpfcompat::app
