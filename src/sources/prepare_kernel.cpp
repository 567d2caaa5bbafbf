// prepare_kernel: a profile's kernel source → vmlinuz, module tree and release on disk.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "bpfcompat/core/sha256.h"
#include "bpfcompat/sources/kernel_source.h"
#include "bzimage.h"
#include "deb_version.h"
#include "error_context.h"
#include "kernel_extract.h"
#include "rpm_resolver.h"

namespace bpfcompat::sources {
namespace {

namespace fs = std::filesystem;
constexpr std::uint64_t kDebMaxBytes = 512ull << 20;

Result<PreparedKernel> prepare_debs(Cache& cache, const std::vector<DebPackage>& debs,
                                    const std::string& version) {
  std::vector<std::string> paths;
  for (const auto& deb : debs) {
    auto path = cache.fetch_verified(deb.url, deb.sha256, kDebMaxBytes);
    if (!path) return std::move(path).error();
    paths.push_back(*path);
  }
  // Every other package is pinned by the main one's Depends, so its hash names the set.
  std::string key = debs.front().sha256;
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto tree = extract_kernel_packages(cache, paths, key, extract_deb);
  if (!tree) return std::move(tree).error();
  PreparedKernel out;
  out.vmlinuz = tree->vmlinuz;
  out.modules_root = tree->modules_root;
  out.release = tree->release;
  out.package = debs.front().name;
  out.package_version = version;
  out.sha256 = debs.front().sha256;
  return out;
}

// "pool/.../linux-image-6.1.0-50-cloud-amd64_6.1.176-1_amd64.deb" → name and version.
DebPackage deb_from_url(const config::PackageUrlSource& src) {
  std::string base = src.url.substr(src.url.find_last_of('/') + 1);
  base = base.substr(0, base.find_first_of("?#"));
  if (base.size() > 4 && base.compare(base.size() - 4, 4, ".deb") == 0)
    base.resize(base.size() - 4);
  DebPackage deb{base, {}, src.url, src.sha256, 0};
  auto first = base.find('_');
  if (first != std::string::npos) {
    deb.name = base.substr(0, first);
    auto second = base.find('_', first + 1);
    deb.version = base.substr(first + 1, second == std::string::npos ? second : second - first - 1);
    if (auto pos = deb.version.find("%3a"); pos != std::string::npos) {
      deb.version = deb.version.substr(0, pos) + ":" + deb.version.substr(pos + 3);
    }
  }
  return deb;
}

Result<PreparedKernel> prepare_local(const config::LocalKernelSource& src) {
  if (!fs::is_regular_file(src.vmlinuz)) {
    return invalid_input(fmt::format("kernel image {} does not exist", src.vmlinuz));
  }
  PreparedKernel out;
  out.vmlinuz = src.vmlinuz;
  if (!src.modules_dir.empty()) {
    if (!fs::is_directory(src.modules_dir)) {
      return invalid_input(fmt::format("modules directory {} does not exist", src.modules_dir));
    }
    out.modules_root = src.modules_dir;
    fs::path dir = fs::path(src.modules_dir).lexically_normal();
    if (dir.filename().empty()) dir = dir.parent_path();  // a trailing slash
    out.release = dir.filename().string();
  } else {
    auto release = bzimage_release_of_file(src.vmlinuz);
    if (!release) return std::move(release).error();
    out.release = *release;
  }
  auto sha = sha256_file(src.vmlinuz);
  if (!sha) return std::move(sha).error();
  out.sha256 = *sha;
  return out;
}

Result<PreparedKernel> prepare_source(Cache& cache, const config::KernelSource& src) {
  if (src.local) return prepare_local(*src.local);
  if (src.package) {
    DebPackage deb = deb_from_url(*src.package);
    return prepare_debs(cache, {deb}, deb.version);
  }
  if (src.rpm) return prepare_rpm_kernel(cache, *src.rpm);
  if (src.apt) {
    auto resolved = resolve_apt_kernel(cache, *src.apt);
    if (!resolved) return std::move(resolved).error();
    auto prepared = prepare_debs(cache, resolved->debs, resolved->version);
    if (prepared && !resolved->available.empty()) {
      prepared->newest_version = resolved->available.back();
    }
    return prepared;
  }
  return invalid_input("the profile has no kernel source (apt, rpm, package or local)");
}

Result<std::vector<std::string>> available_in(Cache& cache, const config::KernelSource& src) {
  if (src.rpm) {
    config::RpmSource unpinned = *src.rpm;
    unpinned.version.clear();
    auto resolved = resolve_rpm_kernel(cache, unpinned);
    if (!resolved) return std::move(resolved).error();
    return std::move(resolved->available);
  }
  if (src.apt) {
    config::AptSource unpinned = *src.apt;
    unpinned.version.clear();
    auto resolved = resolve_apt_kernel(cache, unpinned);
    if (!resolved) return std::move(resolved).error();
    return std::move(resolved->available);
  }
  return invalid_input(
      fmt::format("the kernel source {} has no index to list versions from", src.describe()),
      "give the profile an apt or rpm kernel source");
}

}  // namespace

Result<std::vector<std::string>> available_kernel_versions(Cache& cache,
                                                           const config::Profile& profile) {
  auto versions = available_in(cache, profile.kernel);
  if (!versions) {
    return in_context(std::move(versions).error(),
                      fmt::format("listing the kernel versions of {}", profile.id));
  }
  return versions;
}

int compare_kernel_versions(const config::KernelSource& source, const std::string& a,
                            const std::string& b) {
  if (source.rpm) return rpm_evr_compare(a, b);
  if (source.apt || source.package) return compare_deb_versions(a, b);
  return a.compare(b);
}

Result<PreparedKernel> prepare_kernel(Cache& cache, const config::Profile& profile) {
  auto prepared = prepare_source(cache, profile.kernel);
  if (!prepared) {
    return in_context(std::move(prepared).error(),
                      fmt::format("preparing the kernel of {}", profile.id));
  }
  prepared->source = profile.kernel.describe();
  return prepared;
}

}  // namespace bpfcompat::sources
