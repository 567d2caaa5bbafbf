#include <gtest/gtest.h>

#include "bpfcompat/report/merge.h"
#include "sample_run.h"

namespace bpfcompat::report {
namespace {

struct ShardCase {
  std::size_t profile;
  int index;
  int count;
  bool in;
};

class ProfileInShard : public ::testing::TestWithParam<ShardCase> {};

TEST_P(ProfileInShard, AssignsProfileModuloShardCount) {
  const ShardCase& c = GetParam();
  EXPECT_EQ(profile_in_shard(c.profile, c.index, c.count), c.in);
}

INSTANTIATE_TEST_SUITE_P(Table, ProfileInShard,
                         ::testing::Values(ShardCase{0, 1, 2, true}, ShardCase{1, 1, 2, false},
                                           ShardCase{1, 2, 2, true}, ShardCase{2, 1, 2, true},
                                           ShardCase{5, 3, 3, true}, ShardCase{5, 1, 3, false},
                                           ShardCase{7, 1, 1, true}, ShardCase{3, 0, 0, true}));

std::vector<std::string> profiles_of(const RunReport& r) {
  std::vector<std::string> ids;
  for (const auto& t : r.targets) {
    if (std::find(ids.begin(), ids.end(), t.profile_id) == ids.end()) ids.push_back(t.profile_id);
  }
  return ids;
}

// The shards a sharded run writes: the profiles profile_in_shard gives it, shard fields set and
// its own run id; `run_dir` and the times are kept so the merged JSON compares exactly.
std::vector<RunReport> split(const RunReport& whole, int n) {
  auto ids = profiles_of(whole);
  std::vector<RunReport> shards;
  for (int i = 1; i <= n; ++i) {
    RunReport s = whole;
    s.shard_index = i;
    s.shard_count = n;
    s.targets.clear();
    for (std::size_t p = 0; p < ids.size(); ++p) {
      if (!profile_in_shard(p, i, n)) continue;
      for (const auto& t : whole.targets) {
        if (t.profile_id == ids[p]) s.targets.push_back(t);
      }
    }
    shards.push_back(s);
  }
  return shards;
}

// The order the orchestrator writes targets in: profile by profile, in matrix order.
RunReport profile_major(RunReport r) {
  std::vector<TargetReport> ordered;
  for (const auto& id : profiles_of(r)) {
    for (const auto& t : r.targets) {
      if (t.profile_id == id) ordered.push_back(t);
    }
  }
  r.targets = ordered;
  return r;
}

class MergeReports : public ::testing::TestWithParam<int> {};

TEST_P(MergeReports, GivesTheUnshardedReport) {
  for (const RunReport& whole : {profile_major(testing::sample_run()), testing::sample_suite()}) {
    auto shards = split(whole, GetParam());
    std::reverse(shards.begin(), shards.end());  // order of the arguments does not matter
    auto merged = merge_reports(shards);
    ASSERT_TRUE(merged) << merged.error().describe();
    EXPECT_EQ(to_json(*merged), to_json(whole));
  }
}

INSTANTIATE_TEST_SUITE_P(Shards, MergeReports, ::testing::Values(1, 2, 3, 4));

TEST(MergeReports, TakesEarliestStartLatestFinishAndAnyInterruption) {
  auto shards = split(testing::sample_suite(), 2);
  shards[0].started_at = "2026-11-21T08:15:03Z";
  shards[1].started_at = "2026-11-21T08:14:59Z";
  shards[0].finished_at = "2026-11-21T08:30:00Z";
  shards[1].interrupted = true;
  auto merged = merge_reports(shards);
  ASSERT_TRUE(merged);
  EXPECT_EQ(merged->started_at, "2026-11-21T08:14:59Z");
  EXPECT_EQ(merged->finished_at, "2026-11-21T08:30:00Z");
  EXPECT_TRUE(merged->interrupted);
  EXPECT_EQ(merged->shard_count, 0);
  EXPECT_EQ(merged->run_id, shards[0].run_id);
}

struct BadMerge {
  std::string name;
  std::function<void(std::vector<RunReport>&)> change;
  std::string message;
};

std::vector<BadMerge> bad_merges() {
  return {
      {"none", [](auto& s) { s.clear(); }, "no shard reports to merge"},
      {"missing_shard", [](auto& s) { s.pop_back(); }, "shard 3/3 is missing"},
      {"duplicate_shard", [](auto& s) { s[2] = s[1]; }, "shard 2/3 is given twice"},
      {"not_a_shard", [](auto& s) { s[1].shard_count = 0; }, "is not a shard report"},
      {"other_split", [](auto& s) { s[1].shard_count = 4; },
       "does not belong to a split into 3 shards"},
      {"different_cases", [](auto& s) { s[2].cases.pop_back(); },
       "case 'exec-behavior' of shard 1/3"},
      {"different_artifact", [](auto& s) { s[1].artifacts[0].sha256 = std::string(64, '0'); },
       "artifact 'exec_ringbuf.bpf.o' differs"},
      {"duplicate_target", [](auto& s) { s[0].targets.push_back(s[0].targets[0]); },
       "target debian-11 × exec-ringbuf appears twice in shard 1/3"},
      {"profile_in_two_shards", [](auto& s) { s[1].targets.push_back(s[0].targets[0]); },
       "profile 'debian-11' is in both shard 1/3"},
      {"not_one_split", [](auto& s) { s[1].targets.clear(); },
       "holds 0 profiles, but a split of 3 profiles into 3 shards gives it more"},
  };
}

class MergeReportsRejects : public ::testing::TestWithParam<BadMerge> {};

TEST_P(MergeReportsRejects, NamesTheProblem) {
  auto shards = split(testing::sample_suite(), 3);
  GetParam().change(shards);
  auto merged = merge_reports(shards);
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(merged.error().message.find(GetParam().message), std::string::npos)
      << merged.error().message;
}

INSTANTIATE_TEST_SUITE_P(Table, MergeReportsRejects, ::testing::ValuesIn(bad_merges()),
                         [](const ::testing::TestParamInfo<BadMerge>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace bpfcompat::report
