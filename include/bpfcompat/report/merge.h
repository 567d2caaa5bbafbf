// Joining shard reports into one (`report merge`).
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/core/result.h"
#include "bpfcompat/report/report.h"

namespace bpfcompat::report {

// `--shard I/N` splits by profile so one boot still serves all of a profile's cases: the profile
// at index p of the run's profile list (matrix order) belongs to shard (p mod N) + 1.
bool profile_in_shard(std::size_t profile_index, int shard_index, int shard_count);

// Joins shard reports of one run configuration (same cases, disjoint profiles) into the report
// the unsharded run would have written: targets in profile order p = 0, 1, 2… (shard (p mod N)+1
// holds profile p), shard fields cleared, earliest start, latest finish, interrupted if any was.
// Different cases, a missing shard or a duplicate target → kInvalidInput naming it. The run id,
// run dir, tool, validator and other run fields are shard 1's (each shard has its own run id and
// dir; targets keep their evidence paths), so only those and the times differ from an unsharded
// run's report.
Result<RunReport> merge_reports(const std::vector<RunReport>& shards);

}  // namespace bpfcompat::report
