#include "validator_locator.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "bpfcompat/inspect/elf_linkage.h"

namespace bpfcompat::app {
namespace {

namespace fs = std::filesystem;

Result<void> check_static(const std::string& path) {
  auto linkage = inspect::elf_linkage(path);
  if (!linkage) return std::move(linkage).error();
  if (*linkage == inspect::ElfLinkage::kNotElf) {
    return infrastructure_error(fmt::format("validator {} is not an ELF executable", path));
  }
  if (*linkage == inspect::ElfLinkage::kDynamic) {
    return infrastructure_error(
        fmt::format("validator {} is dynamically linked; the guest has no libraries", path),
        "rebuild it with the project's CMake (it links libbpf, libelf and zlib statically)");
  }
  return {};
}

}  // namespace

std::string executable_path(const std::string& exe_path) {
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) return p.string();
  return exe_path;
}

Result<std::string> locate_validator(const std::string& explicit_path,
                                     const std::string& exe_path) {
  std::vector<std::string> candidates;
  if (!explicit_path.empty()) {
    candidates.push_back(explicit_path);
  } else if (const char* env = std::getenv("BPFCOMPAT_VALIDATOR"); env && *env) {
    candidates.emplace_back(env);
  } else {
    fs::path dir = fs::path(executable_path(exe_path)).parent_path();
    candidates.push_back((dir / "validator" / "bpfcompat-validator").string());
    candidates.push_back((dir / ".." / "libexec" / "bpfcompat" / "bpfcompat-validator").string());
  }
  for (const auto& c : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(c, ec)) {
      if (auto ok = check_static(c); !ok) return std::move(ok).error();
      return fs::absolute(c, ec).lexically_normal().string();
    }
  }
  return infrastructure_error(
      fmt::format("validator not found (looked in {})", fmt::join(candidates, ", ")),
      "build the project (cmake --build build) or set BPFCOMPAT_VALIDATOR to the binary");
}

}  // namespace bpfcompat::app
