// Reading a kernel module's .modinfo section (an ELF section of NUL-separated key=value strings).
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/core/result.h"

namespace bpfcompat::sources {

// The modules named by `depends=` in an uncompressed .ko image (empty when it has none).
// `what` names the module in errors.
Result<std::vector<std::string>> modinfo_depends(const std::string& ko_image,
                                                 const std::string& what);

}  // namespace bpfcompat::sources
