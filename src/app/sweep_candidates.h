// What a sweep boots: `--profile` → a kernel-lane profile with an index, the versions within
// --from/--to, each pinned as a profile of its own.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/result.h"

namespace bpfcompat::app {

// A profile file (a path), a shipped profile (<shipped matrix dir>/profiles/ID.yaml) or a
// built-in profile, in that order. kInvalidInput naming the value and the profiles there are;
// a profile without an apt or rpm index (cloud image, local kernel, package URL) is refused.
Result<config::Profile> resolve_sweep_profile(const std::string& value,
                                              const std::string& exe_path);

// The versions v with from ≤ v ≤ to by the source's ordering (an empty bound is open), in the
// order given. None left is kInvalidInput listing what the index offers.
Result<std::vector<std::string>> versions_in_range(const config::KernelSource& source,
                                                   const std::vector<std::string>& available,
                                                   const std::string& from, const std::string& to);

// The profile pinned to exactly `version`, with an id of its own ("rocky-9@5.14.0-427.el9").
config::Profile pinned_candidate(const config::Profile& profile, const std::string& version);

}  // namespace bpfcompat::app
