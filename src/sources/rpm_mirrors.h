// Where an rpm-md repository's repomd.xml is: a mirrorlist (baseurls, one a line) or a metalink
// (XML naming repomd.xml URLs and its checksum; version 3 as Fedora serves it, or RFC 5854).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/core/result.h"
#include "bpfcompat/core/sha256.h"

namespace bpfcompat::sources {

struct RepoLocation {
  std::string baseurl;                  // holds repodata/repomd.xml; no trailing slash
  std::optional<Digest> repomd_digest;  // from a metalink: repomd.xml must have it
};

// The http(s)/file URLs of a mirrorlist, in order; blank lines and # comments skipped.
std::vector<RepoLocation> parse_mirrorlist(const std::string& text);

// The repomd.xml URLs of a metalink (http and https only, in order) with its SHA-512 (else
// SHA-256). XML that does not parse, or a metalink without such a URL or hash, is a
// kInfrastructure error naming `url`.
Result<std::vector<RepoLocation>> parse_metalink(const std::string& text, const std::string& url);

}  // namespace bpfcompat::sources
