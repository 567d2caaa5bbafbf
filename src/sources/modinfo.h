// Reading a kernel module's ELF image: its .modinfo section (NUL-separated key=value strings)
// and the functions it defines (.symtab).
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/core/result.h"

namespace bpfcompat::sources {

// The modules named by `depends=` in an uncompressed .ko image (empty when it has none).
// `what` names the module in errors.
Result<std::vector<std::string>> modinfo_depends(const std::string& ko_image,
                                                 const std::string& what);

// The functions an uncompressed .ko image defines (FUNC symbols of its .symtab with a section,
// global or static: fentry and kprobes reach both).
Result<std::vector<std::string>> defined_functions(const std::string& ko_image,
                                                   const std::string& what);

}  // namespace bpfcompat::sources
