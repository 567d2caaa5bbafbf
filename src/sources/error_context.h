// Adds an outer context step to an Error. Same effect as Error::with_context, whose
// vector::insert at begin() trips GCC 12's -Wnull-dereference (a false positive) once inlined here.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "bpfcompat/core/result.h"
#include "bpfcompat/sources/cache.h"

namespace bpfcompat::sources {

inline Error in_context(Error error, std::string step) {
  std::vector<std::string> context{std::move(step)};
  context.insert(context.end(), error.context.begin(), error.context.end());
  error.context = std::move(context);
  return error;
}

// How long a cached index without a known checksum (an apt Release, an rpm repomd.xml, mirror
// list or metalink) is trusted before it is fetched again.
inline constexpr std::chrono::seconds kIndexMaxAge = std::chrono::hours(6);

// What a stale cached index (an apt Release, an rpm repomd.xml) explains: a file it names that the
// mirror no longer serves (a permanent failure, a 404) or whose checksum no longer matches. Only
// such a failure past a cached index is worth a retry with a fresh one.
inline bool stale_index_explains(const Error& error) {
  return error.kind == ErrorKind::kInfrastructure &&
         (error.permanent || error.code == kImageChecksumMismatch);
}

}  // namespace bpfcompat::sources
