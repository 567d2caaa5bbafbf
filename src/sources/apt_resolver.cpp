// resolve_apt_kernel: Release → Packages.xz (verified against Release) → kernel packages.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "apt_index.h"
#include "archive_reader.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/sources/kernel_source.h"
#include "error_context.h"
#include "kernel_packages.h"

namespace bpfcompat::sources {
namespace {

constexpr std::chrono::seconds kReleaseMaxAge = std::chrono::hours(6);
constexpr std::uint64_t kReleaseMaxBytes = 64ull << 20;
constexpr std::uint64_t kPackagesXzMaxBytes = 256ull << 20;
constexpr std::uint64_t kPackagesMaxBytes = 2ull << 30;
constexpr const char* kLinuxPrefix = "linux-";

std::string trim_slashes(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

// The Packages text, reduced to the linux-* stanzas (cached beside the blob: parsing the whole
// index of ~65 MB on every run would cost seconds).
Result<std::string> load_packages_text(Cache& cache, const std::string& blob,
                                       const std::string& sha256, bool linux_only) {
  std::string cached = cache.derived_dir("apt-index", sha256) + "/linux-Packages";
  if (linux_only) {
    if (auto text = read_file(cached, kPackagesMaxBytes); text) return text;
  }
  auto full = decompress_file(blob, kPackagesMaxBytes);
  if (!full || !linux_only) return full;
  std::string reduced = filter_stanzas(*full, kLinuxPrefix);
  if (auto w = write_file_atomic(cached, reduced); !w) return std::move(w).error();
  return reduced;
}

Result<ResolvedKernel> resolve_once(Cache& cache, const config::AptSource& source,
                                    std::chrono::seconds release_max_age) {
  std::string repo = trim_slashes(source.repo);
  std::string dist = fmt::format("{}/dists/{}", repo, source.suite);
  auto release_path = cache.fetch_index(dist + "/Release", kReleaseMaxBytes, release_max_age);
  if (!release_path) return std::move(release_path).error();
  auto release_text = read_file(*release_path, kReleaseMaxBytes);
  if (!release_text) return std::move(release_text).error();
  ReleaseFile release = parse_release(*release_text);
  std::string dir = fmt::format("{}/binary-{}", source.component, source.arch);
  auto entry = find_release_entry(release, dir + "/Packages.xz");
  if (!entry) {
    return invalid_input(fmt::format("{}/Release lists no {}/Packages.xz", dist, dir),
                         "check the profile's component and arch");
  }
  std::string url = release.acquire_by_hash
                        ? fmt::format("{}/{}/by-hash/SHA256/{}", dist, dir, entry->sha256)
                        : fmt::format("{}/{}/Packages.xz", dist, dir);
  auto blob = cache.fetch_verified(url, entry->sha256, kPackagesXzMaxBytes);
  if (!blob) return std::move(blob).error();
  bool linux_only = source.package.rfind(kLinuxPrefix, 0) == 0;
  auto text = load_packages_text(cache, *blob, entry->sha256, linux_only);
  if (!text) return std::move(text).error();
  return resolve_kernel_packages(parse_packages(*text), source.package, repo);
}

}  // namespace

Result<ResolvedKernel> resolve_apt_kernel(Cache& cache, const config::AptSource& source) {
  spdlog::info("resolving {} in {} {}", source.package, source.repo, source.suite);
  auto resolved = resolve_once(cache, source, kReleaseMaxAge);
  // A cached Release may name an index the mirror no longer serves: retry once with a fresh one.
  if (!resolved && resolved.error().kind == ErrorKind::kInfrastructure) {
    spdlog::info("resolving {} failed ({}); retrying with a fresh Release", source.package,
                 resolved.error().describe());
    resolved = resolve_once(cache, source, std::chrono::seconds(0));
  }
  if (resolved) {
    for (const auto& deb : resolved->debs) {
      spdlog::info("{} {}: {} {} ({:.1f} MB)", source.suite, source.package, deb.name, deb.version,
                   static_cast<double>(deb.size) / 1e6);
    }
    return resolved;
  }
  return in_context(
      std::move(resolved).error(),
      fmt::format("resolving {} in {}/{}", source.package, source.repo, source.suite));
}

}  // namespace bpfcompat::sources
