// External vmlinux BTF for a profile's kernel (`btf:`): a local file or a verified download,
// checked to be raw BTF before anything boots.
#pragma once

#include <string>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/sources/cache.h"

namespace bpfcompat::sources {

// The path of the profile's raw BTF file (the local path, or the cache blob of url + sha256);
// "" when the profile names none. A file that is not raw BTF (no 0xEB9F magic) is kInvalidInput
// naming the file, the profile and the fix; a failed download is the cache's error.
Result<std::string> prepare_btf(Cache& cache, const config::Profile& profile);

}  // namespace bpfcompat::sources
