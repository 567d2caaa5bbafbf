// rpm-md metadata through libsolv: the primary entry of a repomd.xml, and the packages of a
// primary.xml (gz, xz, zst, bz2 or plain), reduced to what kernel resolution needs.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bpfcompat/core/result.h"

namespace bpfcompat::sources {

// A checksum as rpm-md names it: its type ("sha256", "sha512", "sha1"...) and lowercase hex.
struct RpmChecksum {
  std::string type;
  std::string hex;
};

// The `primary` data of a repomd.xml: where it is (relative to the baseurl) and its checksum.
struct RpmRepomdPrimary {
  std::string location;  // e.g. repodata/<sum>-primary.xml.zst
  RpmChecksum checksum;
};
// Reads repomd.xml at `path` (downloaded from `url`, named in errors). A file libsolv cannot
// parse, or one without a primary entry or its checksum, is a kInfrastructure error.
Result<RpmRepomdPrimary> read_repomd(const std::string& path, const std::string& url);

struct RpmPackage {
  std::string name;
  std::string evr;  // [epoch:]version-release
  std::string arch;
  std::string location;  // relative to the baseurl (or to `base` when the entry has one)
  std::string base;      // the location's xml:base, usually empty
  RpmChecksum checksum;
  std::uint64_t size = 0;
  std::vector<std::string> requires_names;  // names only: versions and rich deps left out
  std::vector<std::string> provides_names;
};
struct PrimaryOptions {
  // Where to keep libsolv's .solv copy of the parsed primary (read instead of the XML when it is
  // there and sound, written when not); empty: none. Key it by the primary's checksum.
  std::string solv_cache;
  // Which packages, by name, to return (all when empty): a kernel needs a handful of 60 000.
  std::function<bool(std::string_view)> wanted;
};
// Reads a primary.xml at `path`; `name_hint` (its location) tells libsolv the compression by
// its suffix. Parse failures are kInfrastructure errors naming `url`.
Result<std::vector<RpmPackage>> read_primary(const std::string& path, const std::string& name_hint,
                                             const std::string& url,
                                             const PrimaryOptions& options = {});

// rpm's version ordering (rpmvercmp on epoch, version, release): <0, 0 or >0.
int rpm_evr_compare(const std::string& a, const std::string& b);

}  // namespace bpfcompat::sources
