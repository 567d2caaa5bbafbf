// Whether a file is an ELF executable that needs a dynamic loader (has PT_INTERP): the guests
// of the kernel lane have no C library, so the validator, busybox and loaders must be static.
#pragma once

#include <string>

#include "bpfcompat/core/result.h"

namespace bpfcompat::inspect {

enum class ElfLinkage { kNotElf, kStatic, kDynamic };

// Reads the file (up to 512 MiB); an error only when it cannot be read.
Result<ElfLinkage> elf_linkage(const std::string& path);

}  // namespace bpfcompat::inspect
