#include "rpm_metadata.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include <fmt/format.h>

// libsolv's Solvable has a member named `requires`, a keyword in C++20: renamed while its
// headers are read (this file never touches that member).
#define requires solv_requires
extern "C" {
#include <solv/chksum.h>
#include <solv/dataiterator.h>
#include <solv/evr.h>
#include <solv/knownid.h>
#include <solv/pool.h>
#include <solv/repo.h>
#include <solv/repo_repomdxml.h>
#include <solv/repo_rpmmd.h>
#include <solv/repo_solv.h>
#include <solv/repo_write.h>
#include <solv/solv_xfopen.h>
#include <solv/solvable.h>
}
#undef requires

namespace bpfcompat::sources {
namespace {

struct PoolFree {
  void operator()(Pool* p) const { pool_free(p); }
};
using PoolPtr = std::unique_ptr<Pool, PoolFree>;
struct FileClose {
  void operator()(FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<FILE, FileClose>;

PoolPtr rpm_pool() {
  PoolPtr pool(pool_create());
  pool_setdisttype(pool.get(), DISTTYPE_RPM);
  return pool;
}

// Opens `path`, decompressing by the suffix of `name_hint` (solv_xfopen's rule).
Result<FilePtr> open_metadata(const std::string& path, const std::string& name_hint) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return infrastructure_error(fmt::format("cannot open {}: {}", path, strerror(errno)));
  FILE* f = solv_xfopen_fd(name_hint.c_str(), fd, "r");
  if (f == nullptr) {
    close(fd);
    return infrastructure_error(fmt::format("cannot open {} as {}", path, name_hint));
  }
  return FilePtr(f);
}

Error parse_error(Pool* pool, const std::string& what, const std::string& url) {
  return infrastructure_error(
      fmt::format("cannot parse the {} at {}: {}", what, url, pool_errstr(pool)),
      "the repository's metadata is damaged or not rpm-md; check the URL, or retry when the "
      "mirror has finished syncing");
}

std::vector<std::string> dep_names(Pool* pool, Solvable* s, Id key) {
  Queue q;
  queue_init(&q);
  solvable_lookup_deparray(s, key, &q, -1);
  std::vector<std::string> out;
  for (int i = 0; i < q.count; ++i) {
    Id dep = q.elements[i];
    if (ISRELDEP(dep)) {
      const Reldep* rd = GETRELDEP(pool, dep);
      if (rd->flags > 7 || ISRELDEP(rd->name)) continue;  // a rich (boolean) dependency
      dep = rd->name;
    }
    out.emplace_back(pool_id2str(pool, dep));
  }
  queue_free(&q);
  return out;
}

RpmChecksum checksum_of(Solvable* s) {
  Id type = 0;
  const char* hex = solvable_lookup_checksum(s, SOLVABLE_CHECKSUM, &type);
  if (hex == nullptr) return {};
  return {solv_chksum_type2str(type), hex};
}

// The parsed primary as libsolv's own .solv file, read back in a tenth of the XML's time. A file
// that is absent, damaged or of another libsolv's format is ignored (and written anew).
bool load_solv(Repo* repo, const std::string& path) {
  if (path.empty()) return false;
  FilePtr f(std::fopen(path.c_str(), "re"));
  return f && repo_add_solv(repo, f.get(), 0) == 0;
}

void store_solv(Repo* repo, const std::string& path) {
  if (path.empty()) return;
  std::string tmp = fmt::format("{}.tmp.{}", path, getpid());
  FILE* f = std::fopen(tmp.c_str(), "we");
  if (f == nullptr) return;
  bool ok = repo_write(repo, f) == 0;
  ok = std::fclose(f) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) std::remove(tmp.c_str());
}

Result<void> add_primary(Repo* repo, const std::string& path, const std::string& name_hint,
                         const std::string& url, const std::string& solv_cache) {
  if (load_solv(repo, solv_cache)) return {};
  repo_empty(repo, 1);
  auto file = open_metadata(path, name_hint);
  if (!file) return std::move(file).error();
  if (repo_add_rpmmd(repo, file->get(), nullptr, 0) != 0) {
    return parse_error(repo->pool, "primary metadata", url);
  }
  repo_internalize(repo);
  store_solv(repo, solv_cache);
  return {};
}

}  // namespace

Result<RpmRepomdPrimary> read_repomd(const std::string& path, const std::string& url) {
  auto file = open_metadata(path, "repomd.xml");
  if (!file) return std::move(file).error();
  PoolPtr pool = rpm_pool();
  Repo* repo = repo_create(pool.get(), "repomd");
  if (repo_add_repomdxml(repo, file->get(), 0) != 0) {
    return parse_error(pool.get(), "repomd.xml", url);
  }
  repo_internalize(repo);
  Dataiterator di;
  dataiterator_init(&di, pool.get(), repo, SOLVID_META, REPOSITORY_REPOMD_TYPE, "primary",
                    SEARCH_STRING);
  dataiterator_prepend_keyname(&di, REPOSITORY_REPOMD);
  RpmRepomdPrimary out;
  if (dataiterator_step(&di)) {
    dataiterator_setpos_parent(&di);
    const char* location = pool_lookup_str(pool.get(), SOLVID_POS, REPOSITORY_REPOMD_LOCATION);
    Id type = 0;
    const char* hex =
        pool_lookup_checksum(pool.get(), SOLVID_POS, REPOSITORY_REPOMD_CHECKSUM, &type);
    if (location != nullptr) out.location = location;
    if (hex != nullptr) out.checksum = {solv_chksum_type2str(type), hex};
  }
  dataiterator_free(&di);
  if (out.location.empty() || out.checksum.hex.empty()) {
    return infrastructure_error(
        fmt::format("{} names no primary metadata with a checksum", url),
        "the URL must be a repository's repodata/repomd.xml (check the profile's repo)");
  }
  return out;
}

Result<std::vector<RpmPackage>> read_primary(const std::string& path, const std::string& name_hint,
                                             const std::string& url,
                                             const PrimaryOptions& options) {
  PoolPtr pool = rpm_pool();
  Repo* repo = repo_create(pool.get(), "primary");
  if (auto added = add_primary(repo, path, name_hint, url, options.solv_cache); !added) {
    return std::move(added).error();
  }
  std::vector<RpmPackage> out;
  Id p = 0;
  Solvable* s = nullptr;
  FOR_REPO_SOLVABLES(repo, p, s) {
    const char* name = pool_id2str(pool.get(), s->name);
    if (options.wanted && !options.wanted(name)) continue;
    RpmPackage pkg;
    pkg.name = name;
    pkg.evr = pool_id2str(pool.get(), s->evr);
    pkg.arch = pool_id2str(pool.get(), s->arch);
    unsigned int medianr = 0;
    const char* location = solvable_get_location(s, &medianr);
    if (location != nullptr) pkg.location = location;
    if (const char* base = solvable_lookup_str(s, SOLVABLE_MEDIABASE)) pkg.base = base;
    pkg.checksum = checksum_of(s);
    pkg.size = solvable_lookup_num(s, SOLVABLE_DOWNLOADSIZE, 0);
    pkg.requires_names = dep_names(pool.get(), s, SOLVABLE_REQUIRES);
    pkg.provides_names = dep_names(pool.get(), s, SOLVABLE_PROVIDES);
    out.push_back(std::move(pkg));
  }
  return out;
}

int rpm_evr_compare(const std::string& a, const std::string& b) {
  static const PoolPtr pool = rpm_pool();
  return pool_evrcmp_str(pool.get(), a.c_str(), b.c_str(), EVRCMP_COMPARE);
}

}  // namespace bpfcompat::sources
