#include "kernel_tree.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

namespace bpfcompat::sources {

namespace fs = std::filesystem;

std::optional<std::string> kernel_path_filter(const std::string& path) {
  std::string p = path;
  if (p.rfind("usr/lib/modules/", 0) == 0) p.erase(0, 4);
  if (p.rfind("lib/modules/", 0) == 0) return p;
  for (const char* kept : {"boot/vmlinuz-", "boot/config-", "boot/System.map-"}) {
    if (p.rfind(kept, 0) == 0) return p;
  }
  return std::nullopt;
}

Result<KernelTree> find_kernel_in_tree(const std::string& root) {
  std::vector<KernelTree> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root + "/boot", ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind("vmlinuz-", 0) == 0 && e.is_regular_file()) {
      found.push_back({e.path().string(), {}, name.substr(8)});
    }
  }
  for (const auto& e : fs::directory_iterator(root + "/lib/modules", ec)) {
    if (fs::is_regular_file(e.path() / "vmlinuz")) {
      found.push_back({(e.path() / "vmlinuz").string(), {}, e.path().filename().string()});
    }
  }
  if (found.empty()) {
    return infrastructure_error(fmt::format(
        "no kernel image (boot/vmlinuz-* or lib/modules/*/vmlinuz) in the packages extracted to {}",
        root));
  }
  std::sort(found.begin(), found.end(),
            [](const KernelTree& a, const KernelTree& b) { return a.vmlinuz < b.vmlinuz; });
  KernelTree tree = found.front();
  std::string modules = root + "/lib/modules/" + tree.release;
  if (fs::is_directory(modules, ec)) tree.modules_root = modules;
  return tree;
}

}  // namespace bpfcompat::sources
