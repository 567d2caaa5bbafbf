// Apt repository metadata as data: Release checksums, Packages stanzas and Depends relations.
// Pure parsing; the resolver and the cache do the I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpfcompat::sources {

// One stanza of a Packages index (only the fields the kernel resolver needs).
struct AptPackage {
  std::string name;
  std::string version;
  std::string depends;      // raw Depends field
  std::string pre_depends;  // raw Pre-Depends field
  std::string provides;
  std::string filename;  // relative to the repository root
  std::string sha256;
  std::uint64_t size = 0;
};

// Parses a whole Packages file (stanzas separated by blank lines, continuation lines folded).
// Stanzas without Package or Version are dropped.
std::vector<AptPackage> parse_packages(std::string_view text);

// Keeps only the stanzas whose Package starts with `prefix`, as text (for a smaller cached index).
std::string filter_stanzas(std::string_view text, std::string_view prefix);

// One alternative of a relation: `name (op version)`; arch qualifiers (":any") are dropped.
struct DepAtom {
  std::string name;
  std::string op;  // empty, "<<", "<=", "=", ">=", ">>"
  std::string version;
};
// A Depends field: groups joined by ',', alternatives inside a group joined by '|'.
std::vector<std::vector<DepAtom>> parse_relations(std::string_view field);

struct ReleaseFile {
  bool acquire_by_hash = false;
  struct Entry {
    std::string sha256;
    std::uint64_t size = 0;
    std::string path;  // e.g. main/binary-amd64/Packages.xz
  };
  std::vector<Entry> sha256;
};
ReleaseFile parse_release(std::string_view text);
// The SHA256 entry of `path`, if listed.
std::optional<ReleaseFile::Entry> find_release_entry(const ReleaseFile& release,
                                                     std::string_view path);

}  // namespace bpfcompat::sources
