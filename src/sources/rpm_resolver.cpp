#include "rpm_resolver.h"

#include <filesystem>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "archive_reader.h"
#include "base_url.h"
#include "bpfcompat/core/file_io.h"
#include "error_context.h"
#include "kernel_extract.h"
#include "rpm_metadata.h"
#include "rpm_mirrors.h"

namespace bpfcompat::sources {
namespace {

constexpr std::uint64_t kListMaxBytes = 4ull << 20;
constexpr std::uint64_t kRepomdMaxBytes = 16ull << 20;
constexpr std::uint64_t kPrimaryMaxBytes = 1ull << 30;
constexpr std::uint64_t kRpmMaxBytes = 1ull << 30;

Result<Digest> digest_of(const RpmChecksum& sum, const std::string& what) {
  auto algorithm = parse_hash_algorithm(sum.type);
  if (!algorithm || algorithm_of_hex(sum.hex) != *algorithm) {
    return infrastructure_error(
        fmt::format("{} is named with a '{}' checksum, which bpfcompat does not verify", what,
                    sum.type.empty() ? "missing" : sum.type),
        "only sha256 and sha512 repositories are supported (createrepo_c's default is sha256)");
  }
  return Digest{*algorithm, sum.hex};
}

// A checksum mismatch of a link the previous one names, with a hint that fits it.
Error chain_error(Error error, const std::string& hint) {
  if (error.code == kImageChecksumMismatch) error.hint = hint;
  return error;
}

Result<std::vector<RepoLocation>> locations(Cache& cache, const config::RpmSource& source,
                                            std::chrono::seconds max_age) {
  if (!source.repo.empty())
    return std::vector<RepoLocation>{{without_trailing_slashes(source.repo), {}}};
  const std::string& list_url = source.where();
  auto path = cache.fetch_index(list_url, kListMaxBytes, max_age);
  if (!path) return std::move(path).error();
  auto text = read_file(*path, kListMaxBytes);
  if (!text) return std::move(text).error();
  if (!source.metalink.empty()) return parse_metalink(*text, list_url);
  auto out = parse_mirrorlist(*text);
  if (out.empty()) {
    return infrastructure_error(fmt::format("the mirrorlist {} lists no baseurl", list_url),
                                "check the profile's mirrorlist, or give 'repo' instead");
  }
  return out;
}

Result<ResolvedRpmKernel> resolve_at(Cache& cache, const config::RpmSource& source,
                                     const RepoLocation& where, std::chrono::seconds max_age) {
  std::string repomd_url = where.baseurl + "/repodata/repomd.xml";
  auto repomd = where.repomd_digest
                    ? cache.fetch_verified(repomd_url, *where.repomd_digest, kRepomdMaxBytes)
                    : cache.fetch_index(repomd_url, kRepomdMaxBytes, max_age);
  if (!repomd) {
    return chain_error(std::move(repomd).error(),
                       "the mirror's repomd.xml is not the one the metalink names: it is "
                       "mid-sync or stale; retry later");
  }
  auto primary = read_repomd(*repomd, repomd_url);
  if (!primary) return std::move(primary).error();
  std::string primary_url = where.baseurl + "/" + primary->location;
  auto digest = digest_of(primary->checksum, primary_url);
  if (!digest) return std::move(digest).error();
  auto blob = cache.fetch_verified(primary_url, *digest, kPrimaryMaxBytes);
  if (!blob) {
    return chain_error(std::move(blob).error(),
                       fmt::format("{} names another primary than the mirror serves: the "
                                   "mirror is mid-sync or damaged; retry later or use another "
                                   "repo URL",
                                   repomd_url));
  }
  // Parsed once per primary (keyed by its sha256, the blob's name); only the kernel's family kept.
  PrimaryOptions options;
  options.solv_cache =
      cache.derived_dir("rpm-primary", std::filesystem::path(*blob).filename().string()) +
      "/primary.solv";
  options.wanted = [stem = rpm_kernel_stem(source.package)](std::string_view name) {
    return name.substr(0, stem.size()) == stem;
  };
  auto packages = read_primary(*blob, primary->location, primary_url, options);
  if (!packages) return std::move(packages).error();
  return resolve_rpm_packages(*packages, source, where.baseurl);
}

Result<ResolvedRpmKernel> resolve_once(Cache& cache, const config::RpmSource& source,
                                       std::chrono::seconds max_age) {
  auto where = locations(cache, source, max_age);
  if (!where) return std::move(where).error();
  std::optional<Error> first_error;
  for (const auto& location : *where) {
    auto resolved = resolve_at(cache, source, location, max_age);
    if (resolved || resolved.error().kind != ErrorKind::kInfrastructure) return resolved;
    spdlog::info("{}: {}", location.baseurl, resolved.error().describe());
    if (!first_error) first_error = std::move(resolved).error();
  }
  return std::move(*first_error);
}

Result<ResolvedRpmKernel> resolve_logged(Cache& cache, const config::RpmSource& source,
                                         std::chrono::seconds max_age) {
  spdlog::info("resolving {} in {}", source.package, source.where());
  auto resolved = resolve_once(cache, source, max_age);
  if (!resolved) return resolved;
  for (const auto& rpm : resolved->rpms) {
    spdlog::info("{}: {}-{}.{} ({:.1f} MB)", source.package, rpm.name, rpm.evr, rpm.arch,
                 static_cast<double>(rpm.size) / 1e6);
  }
  return resolved;
}

// Whether the first attempt reads its repomd.xml (of a repo) or its mirror list or metalink from
// the cache: only then can a stale copy explain a failure. A mirror list fetched fresh names
// mirrors whose repomd.xml it fetches alongside, so their cached copies age with it.
bool reads_cached_index(const Cache& cache, const config::RpmSource& source) {
  std::string index = source.repo.empty()
                          ? source.where()
                          : without_trailing_slashes(source.repo) + "/repodata/repomd.xml";
  return cache.has_fresh_index(index, kIndexMaxAge);
}

// A cached repomd.xml (or mirror list) may name a primary, or packages, the mirror no longer
// serves: such a failure past a cached index is retried once with fresh ones. Any other failure
// (a repomd.xml fetched fresh that 404s) is returned as it is: a retry would repeat it.
template <typename T, typename F>
Result<T> with_fresh_retry(const Cache& cache, const config::RpmSource& source, F attempt) {
  bool cached = reads_cached_index(cache, source);
  Result<T> out = attempt(kIndexMaxAge);
  if (!out && cached && stale_index_explains(out.error())) {
    spdlog::info("{} from {} failed ({}); retrying with a fresh repomd.xml", source.package,
                 source.where(), out.error().describe());
    out = attempt(std::chrono::seconds(0));
  }
  if (!out) {
    return in_context(std::move(out).error(),
                      fmt::format("resolving {} in {}", source.package, source.where()));
  }
  return out;
}

Result<PreparedKernel> prepare_once(Cache& cache, const config::RpmSource& source,
                                    std::chrono::seconds max_age) {
  auto resolved = resolve_logged(cache, source, max_age);
  if (!resolved) return std::move(resolved).error();
  std::vector<std::string> paths;
  std::string key_material;
  for (std::size_t i = 0; i < resolved->rpms.size(); ++i) {
    const std::string& url = resolved->urls[i];
    auto digest = digest_of(resolved->rpms[i].checksum, url);
    if (!digest) return std::move(digest).error();
    auto path = cache.fetch_verified(url, *digest, kRpmMaxBytes);
    if (!path) {
      return chain_error(std::move(path).error(),
                         "the repository's primary metadata names another package than the "
                         "mirror serves: it is mid-sync or damaged; retry later");
    }
    key_material += std::filesystem::path(*path).filename().string() + "\n";
    paths.push_back(*path);
  }
  // The blobs are stored by sha256: their names are the set's identity.
  std::string key = "rpm-" + sha256_hex(key_material);
  auto tree = extract_kernel_packages(cache, paths, key, extract_rpm);
  if (!tree) return std::move(tree).error();
  const RpmPackage& main = resolved->rpms.front();
  PreparedKernel out;
  out.vmlinuz = tree->vmlinuz;
  out.modules_root = tree->modules_root;
  out.release = tree->release;
  out.package = main.name;
  out.package_version = main.evr;
  if (!resolved->available.empty()) out.newest_version = resolved->available.back();
  out.sha256 = std::filesystem::path(paths.front()).filename().string();
  return out;
}

}  // namespace

Result<ResolvedRpmKernel> resolve_rpm_kernel(Cache& cache, const config::RpmSource& source) {
  return with_fresh_retry<ResolvedRpmKernel>(cache, source, [&](std::chrono::seconds max_age) {
    return resolve_logged(cache, source, max_age);
  });
}

Result<PreparedKernel> prepare_rpm_kernel(Cache& cache, const config::RpmSource& source) {
  return with_fresh_retry<PreparedKernel>(cache, source, [&](std::chrono::seconds max_age) {
    return prepare_once(cache, source, max_age);
  });
}

}  // namespace bpfcompat::sources
