#include "busybox_locator.h"

#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "bpfcompat/inspect/elf_linkage.h"

namespace bpfcompat::app {
namespace {

constexpr const char* kHint =
    "install Debian's busybox-static (apt-get install busybox-static; scripts/setup does) or "
    "set BPFCOMPAT_BUSYBOX to a statically linked busybox";

}  // namespace

Result<std::string> locate_busybox() {
  std::error_code ec;
  if (const char* env = std::getenv("BPFCOMPAT_BUSYBOX"); env && *env) {
    if (!std::filesystem::is_regular_file(env, ec)) {
      return invalid_input(fmt::format("BPFCOMPAT_BUSYBOX={}: no such file", env), kHint);
    }
    if (auto linkage = inspect::elf_linkage(env);
        !linkage || *linkage != inspect::ElfLinkage::kStatic) {
      return invalid_input(fmt::format("BPFCOMPAT_BUSYBOX={}: not statically linked", env), kHint);
    }
    return std::string(env);
  }
  for (const char* dir : {"/usr/bin", "/bin", "/usr/sbin", "/sbin"}) {
    std::string path = std::string(dir) + "/busybox";
    if (!std::filesystem::is_regular_file(path, ec)) continue;
    if (auto linkage = inspect::elf_linkage(path);
        linkage && *linkage == inspect::ElfLinkage::kStatic)
      return path;
  }
  return infrastructure_error(
      "a behavior or command case needs a shell in the kernel lane's guest, and no statically "
      "linked busybox was found",
      kHint);
}

}  // namespace bpfcompat::app
