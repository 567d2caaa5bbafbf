// resolve_modules: named modules plus their .modinfo dependencies, decompressed, in load order.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "archive_reader.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/sources/kernel_source.h"
#include "error_context.h"
#include "modinfo.h"
#include "module_files.h"

namespace bpfcompat::sources {
namespace {

namespace fs = std::filesystem;

class ModuleResolver {
 public:
  ModuleResolver(const std::string& root, std::string out_dir)
      : out_dir_(std::move(out_dir)), files_(module_files(root)) {}

  // Depth-first: dependencies are appended before the module that needs them.
  Result<void> visit(const std::string& requested) {
    std::string name = canonical_module_name(requested);
    if (!visited_.insert(name).second) return {};
    auto file = files_.find(name);
    if (file == files_.end()) return {};  // built in, or not a module of this kernel
    auto image = read_module_image(file->second);
    if (!image) return std::move(image).error();
    auto deps = modinfo_depends(*image, file->second);
    if (!deps) return std::move(deps).error();
    for (const auto& dep : *deps) {
      if (auto r = visit(dep); !r) return r;
    }
    std::string stem = module_stem(fs::path(file->second).filename().string());
    std::string out = fmt::format("{}/{}.ko", out_dir_, stem);
    if (auto w = write_file_atomic(out, *image); !w) return w;
    ordered_.push_back({stem, out});
    return {};
  }

  std::vector<KernelModule> take() { return std::move(ordered_); }

 private:
  std::string out_dir_;
  std::map<std::string, std::string> files_;  // canonical name → path
  std::set<std::string> visited_;
  std::vector<KernelModule> ordered_;
};

}  // namespace

std::string canonical_module_name(std::string name) {
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

std::string module_stem(const std::string& file) {
  for (const char* ext : {".ko", ".ko.xz", ".ko.zst", ".ko.gz"}) {
    std::string e = ext;
    if (file.size() > e.size() && file.compare(file.size() - e.size(), e.size(), e) == 0) {
      return file.substr(0, file.size() - e.size());
    }
  }
  return {};
}

std::map<std::string, std::string> module_files(const std::string& root) {
  std::map<std::string, std::string> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::string stem = module_stem(it->path().filename().string());
    if (!stem.empty()) files.emplace(canonical_module_name(stem), it->path().string());
  }
  return files;
}

Result<std::string> read_module_image(const std::string& path) {
  constexpr std::uint64_t kModuleMaxBytes = 256ull << 20;
  if (path.size() > 3 && path.compare(path.size() - 3, 3, ".ko") == 0) {
    return read_file(path, kModuleMaxBytes);
  }
  return decompress_file(path, kModuleMaxBytes);
}

Result<std::vector<KernelModule>> resolve_modules(const PreparedKernel& kernel,
                                                  const std::vector<std::string>& names,
                                                  const std::string& out_dir) {
  if (kernel.modules_root.empty() || names.empty()) return std::vector<KernelModule>{};
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    return infrastructure_error(fmt::format("cannot create {}: {}", out_dir, ec.message()));
  }
  ModuleResolver resolver(kernel.modules_root, out_dir);
  for (const auto& name : names) {
    if (auto r = resolver.visit(name); !r) {
      return in_context(std::move(r).error(), fmt::format("resolving kernel module {}", name));
    }
  }
  return resolver.take();
}

}  // namespace bpfcompat::sources
