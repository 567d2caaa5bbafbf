// The layout of an extracted kernel package: which files are kept, and where the kernel image,
// its release and its module tree are found (boot/vmlinuz-<rel>, or lib/modules/<rel>/vmlinuz as
// on Debian 14+).
#pragma once

#include <optional>
#include <string>

#include "bpfcompat/core/result.h"

namespace bpfcompat::sources {

// Keeps boot/vmlinuz-*, boot/config-* and everything under lib/modules/ or usr/lib/modules/
// (the latter moved to lib/modules/ so every package lands in one layout).
std::optional<std::string> kernel_path_filter(const std::string& path);

struct KernelTree {
  std::string vmlinuz;
  std::string modules_root;  // <root>/lib/modules/<release>, empty when absent
  std::string release;
};
// Finds the kernel in an extracted tree; an error when there is none.
Result<KernelTree> find_kernel_in_tree(const std::string& root);

}  // namespace bpfcompat::sources
