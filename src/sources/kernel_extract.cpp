#include "kernel_extract.h"

#include <cstdio>
#include <filesystem>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "bpfcompat/core/temp_dir.h"
#include "file_lock.h"

namespace bpfcompat::sources {

Result<KernelTree> extract_kernel_packages(Cache& cache, const std::vector<std::string>& packages,
                                           const std::string& key, PackageExtractor extract) {
  std::string dir = cache.derived_dir("kernels", key);
  std::string tree = dir + "/tree";
  if (!std::filesystem::is_directory(tree)) {
    auto lock = FileLock::acquire(dir + "/.lock");
    if (!lock) return std::move(lock).error();
    if (!std::filesystem::is_directory(tree)) {
      spdlog::info("extracting {} package(s) into {}", packages.size(), tree);
      auto tmp = TempDir::create("tree.tmp", dir);
      if (!tmp) return std::move(tmp).error();
      for (const auto& package : packages) {
        if (auto r = extract(package, tmp->path(), kernel_path_filter); !r) return r.error();
      }
      if (auto check = find_kernel_in_tree(tmp->path()); !check) return check;
      if (std::rename(tmp->path().c_str(), tree.c_str()) != 0) {
        return infrastructure_error(fmt::format("cannot rename {} to {}", tmp->path(), tree));
      }
      tmp->release();
      return find_kernel_in_tree(tree);
    }
  }
  spdlog::info("cache hit: extracted kernel {}", tree);
  return find_kernel_in_tree(tree);
}

}  // namespace bpfcompat::sources
