// modules_defining: which module of a kernel defines a function vmlinux does not, from the
// kernel's System.map and an index of every module's functions kept in the cache.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/sha256.h"
#include "bpfcompat/sources/kernel_source.h"
#include "file_lock.h"
#include "modinfo.h"
#include "module_files.h"

namespace bpfcompat::sources {
namespace {

namespace fs = std::filesystem;
constexpr std::uint64_t kMaxIndexBytes = 256ull << 20;

// The kernel's System.map: next to the modules (newer packages) or in boot/ of the tree.
std::string system_map_path(const PreparedKernel& kernel) {
  fs::path in_modules = fs::path(kernel.modules_root) / "System.map";
  std::error_code ec;
  if (fs::exists(in_modules, ec)) return in_modules.string();
  fs::path tree = fs::path(kernel.modules_root).parent_path().parent_path().parent_path();
  fs::path in_boot = tree / "boot" / ("System.map-" + kernel.release);
  return fs::exists(in_boot, ec) ? in_boot.string() : std::string();
}

// Text symbols of vmlinux ("ffffffff81000000 T _stext"); empty when there is no System.map.
std::set<std::string> vmlinux_functions(const std::string& system_map) {
  std::set<std::string> out;
  std::ifstream in(system_map);
  std::string addr, type, name;
  while (in >> addr >> type >> name) {
    if (type == "T" || type == "t" || type == "W" || type == "w") out.insert(name);
  }
  return out;
}

// "function module" lines: every function of every module, built once per kernel tree and kept
// in the cache (module-index/<key>/functions.txt), never in the tree itself (a `local` kernel's
// tree is the user's). Parallel runs build it once: the second waits on the lock, then reads.
Result<std::string> module_index(Cache& cache, const PreparedKernel& kernel) {
  std::string key =
      sha256_hex(kernel.sha256 + "\n" + kernel.release + "\n" + kernel.modules_root).substr(0, 32);
  std::string path = cache.derived_dir("module-index", key) + "/functions.txt";
  if (auto cached = read_file(path, kMaxIndexBytes)) return cached;
  auto lock = FileLock::acquire(path + ".lock");
  if (!lock) return std::move(lock).error();
  if (auto cached = read_file(path, kMaxIndexBytes)) return cached;
  std::string text;
  for (const auto& [name, file] : module_files(kernel.modules_root)) {
    auto image = read_module_image(file);
    if (!image) return std::move(image).error();
    auto functions = defined_functions(*image, file);
    if (!functions) return std::move(functions).error();
    for (const auto& f : *functions) text += f + " " + name + "\n";
  }
  if (auto w = write_file_atomic(path, text); !w) return std::move(w).error();
  return text;
}

}  // namespace

Result<std::map<std::string, std::string>> modules_defining(
    Cache& cache, const PreparedKernel& kernel, const std::vector<std::string>& functions) {
  std::map<std::string, std::string> found;
  if (kernel.modules_root.empty() || functions.empty()) return found;
  std::set<std::string> wanted(functions.begin(), functions.end());
  if (std::string map = system_map_path(kernel); !map.empty()) {
    for (const auto& f : vmlinux_functions(map)) wanted.erase(f);
  }
  if (wanted.empty()) return found;
  auto index = module_index(cache, kernel);
  if (!index) return std::move(index).error();
  std::istringstream lines(*index);
  std::string function, module;
  while (lines >> function >> module) {
    if (wanted.count(function) && !found.count(function)) found.emplace(function, module);
  }
  return found;
}

}  // namespace bpfcompat::sources
