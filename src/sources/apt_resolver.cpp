// resolve_apt_kernel: Release → Packages.xz (verified against Release) → kernel packages.
#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "apt_index.h"
#include "archive_reader.h"
#include "base_url.h"
#include "bpfcompat/core/file_io.h"
#include "bpfcompat/sources/kernel_source.h"
#include "error_context.h"
#include "kernel_packages.h"

namespace bpfcompat::sources {
namespace {

constexpr std::uint64_t kReleaseMaxBytes = 64ull << 20;
constexpr std::uint64_t kPackagesXzMaxBytes = 256ull << 20;
constexpr std::uint64_t kPackagesMaxBytes = 2ull << 30;
constexpr const char* kLinuxPrefix = "linux-";

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

// "main, restricted": the components whose arch index Release lists.
std::string listed_components(const ReleaseFile& release, const std::string& arch) {
  std::vector<std::string> found;
  std::string marker = "/binary-" + arch + "/Packages";
  for (const auto& e : release.sha256) {
    auto pos = e.path.find(marker);
    if (pos == std::string::npos) continue;
    std::string component = e.path.substr(0, pos);
    if (std::find(found.begin(), found.end(), component) == found.end()) found.push_back(component);
  }
  return found.empty() ? "none" : fmt::format("{}", fmt::join(found, ", "));
}

// One component's Packages index of one suite, parsed (the first of .xz, .gz, plain that
// Release lists, verified against its SHA256).
Result<std::vector<AptPackage>> read_component(Cache& cache, const ReleaseFile& release,
                                               const std::string& dist,
                                               const config::AptSource& source,
                                               const std::string& component) {
  std::string dir = fmt::format("{}/binary-{}", component, source.arch);
  std::optional<ReleaseFile::Entry> entry;
  std::string name;
  for (const char* candidate : {"Packages.xz", "Packages.gz", "Packages"}) {
    entry = find_release_entry(release, dir + "/" + candidate);
    name = candidate;
    if (entry) break;
  }
  if (!entry) {
    return invalid_input(
        fmt::format("{}/Release lists no {}/Packages index", dist, dir),
        fmt::format("check the profile's components and arch; that suite has {} for {}",
                    listed_components(release, source.arch), source.arch));
  }
  std::string url = release.acquire_by_hash
                        ? fmt::format("{}/{}/by-hash/SHA256/{}", dist, dir, entry->sha256)
                        : fmt::format("{}/{}/{}", dist, dir, name);
  auto blob = cache.fetch_verified(url, entry->sha256, kPackagesXzMaxBytes);
  if (!blob) return std::move(blob).error();
  bool linux_only = source.package.rfind(kLinuxPrefix, 0) == 0;
  auto text = load_packages_text(cache, *blob, entry->sha256, linux_only);
  if (!text) return std::move(text).error();
  return parse_packages(*text);
}

std::string release_url(const config::AptSource& source, const std::string& suite) {
  return fmt::format("{}/dists/{}/Release", without_trailing_slashes(source.repo), suite);
}

// Every component of one suite, appended to `index`.
Result<void> read_suite(Cache& cache, const config::AptSource& source, const std::string& suite,
                        std::chrono::seconds release_max_age, std::vector<AptPackage>& index) {
  std::string dist = fmt::format("{}/dists/{}", without_trailing_slashes(source.repo), suite);
  auto release_path =
      cache.fetch_index(release_url(source, suite), kReleaseMaxBytes, release_max_age);
  if (!release_path) {
    Error e = in_context(std::move(release_path).error(), fmt::format("suite {}", suite));
    if (e.hint.empty()) {
      e.hint = fmt::format("check that suite '{}' exists in {} (the profile's apt suites)", suite,
                           source.repo);
    }
    return e;
  }
  auto release_text = read_file(*release_path, kReleaseMaxBytes);
  if (!release_text) return std::move(release_text).error();
  ReleaseFile release = parse_release(*release_text);
  for (const auto& component : source.components) {
    auto packages = read_component(cache, release, dist, source, component);
    if (!packages) {
      return in_context(std::move(packages).error(),
                        fmt::format("suite {} component {}", suite, component));
    }
    index.insert(index.end(), std::make_move_iterator(packages->begin()),
                 std::make_move_iterator(packages->end()));
  }
  return {};
}

std::string where_of(const config::AptSource& source) {
  return fmt::format("{} ({})", fmt::join(source.suites, ", "), fmt::join(source.components, ", "));
}

Result<ResolvedKernel> resolve_once(Cache& cache, const config::AptSource& source,
                                    std::chrono::seconds release_max_age) {
  std::vector<AptPackage> index;
  for (const auto& suite : source.suites) {
    if (auto r = read_suite(cache, source, suite, release_max_age, index); !r) return r.error();
  }
  return resolve_kernel_packages(
      index, KernelQuery{source.package, without_trailing_slashes(source.repo), source.version,
                         where_of(source)});
}

}  // namespace

Result<ResolvedKernel> resolve_apt_kernel(Cache& cache, const config::AptSource& source) {
  std::string where = where_of(source);
  spdlog::info("resolving {} in {} {}", source.package, source.repo, where);
  bool cached = std::any_of(source.suites.begin(), source.suites.end(), [&](const auto& suite) {
    return cache.has_fresh_index(release_url(source, suite), kIndexMaxAge);
  });
  auto resolved = resolve_once(cache, source, kIndexMaxAge);
  // A cached Release may name an index the mirror no longer serves: that failure is retried once
  // with a fresh one; any other (a Release fetched fresh that 404s) would only repeat.
  if (!resolved && cached && stale_index_explains(resolved.error())) {
    spdlog::info("resolving {} failed ({}); retrying with a fresh Release", source.package,
                 resolved.error().describe());
    resolved = resolve_once(cache, source, std::chrono::seconds(0));
  }
  if (resolved) {
    for (const auto& deb : resolved->debs) {
      spdlog::info("{} {}: {} {} ({:.1f} MB)", where, source.package, deb.name, deb.version,
                   static_cast<double>(deb.size) / 1e6);
    }
    return resolved;
  }
  return in_context(std::move(resolved).error(),
                    fmt::format("resolving {} in {} {}", source.package, source.repo, where));
}

}  // namespace bpfcompat::sources
