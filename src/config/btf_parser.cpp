// A profile's `btf:` section: external vmlinux BTF for a kernel without its own, as a local file
// or a url with its sha256.
#include <fstream>

#include <fmt/format.h>

#include "source_parser.h"

namespace bpfcompat::config {
namespace {

const char* const kBtfNeeds =
    "give 'path' (a local raw BTF file) or 'url' with its 'sha256', e.g. a vmlinux .btf from "
    "https://github.com/aquasecurity/btfhub-archive";

// Raw BTF opens with struct btf_header: magic 0xEB9F (little-endian), version 1.
bool starts_as_raw_btf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[3] = {0, 0, 0};
  in.read(header, sizeof header);
  return in.gcount() == 3 && static_cast<unsigned char>(header[0]) == 0x9f &&
         static_cast<unsigned char>(header[1]) == 0xeb && header[2] == 1;
}

}  // namespace

std::string BtfSource::describe() const {
  if (!path.empty()) return fmt::format("local {}", path);
  return url;
}

std::optional<BtfSource> read_btf_source(YamlReader& r, const Field& btf) {
  ContextScope scope(r, "btf");
  if (!r.expect_map(btf, kBtfNeeds)) return std::nullopt;
  r.check_keys(btf.value, {"path", "url", "sha256"});
  auto path = find_field(btf.value, "path");
  auto url = find_field(btf.value, "url");
  auto sha = find_field(btf.value, "sha256");
  if (path && (url || sha)) {
    r.error((url ? url : sha)->key,
            fmt::format("'btf' has both 'path' and '{}'", (url ? url : sha)->name),
            "a local 'path' needs no download; keep 'path', or 'url' with 'sha256'");
    return std::nullopt;
  }
  BtfSource source;
  if (path) {
    auto local = read_local_path(r, *path, false);
    if (!local) return std::nullopt;
    if (!starts_as_raw_btf(*local)) {
      r.error(*path, fmt::format("'btf' path '{}' is not raw BTF (no 0xEB9F magic)", *local),
              "name the vmlinux .btf itself: btfhub's .btf.tar.xz unpacks to it (tar xJf FILE), "
              "and `llvm-objcopy --dump-section .BTF=vmlinux.btf vmlinux` takes it from a kernel");
      return std::nullopt;
    }
    source.path = *local;
    return source;
  }
  if (!url) {
    r.error(btf, "'btf' needs 'path' or 'url'", kBtfNeeds);
    return std::nullopt;
  }
  if (!sha) {
    r.error(btf, "'btf' has 'url' but no 'sha256'",
            "add 'sha256:' with the file's SHA-256 as printed by `sha256sum FILE`");
    return std::nullopt;
  }
  auto u = read_url(r, *url, {"http://", "https://", "file://"});
  auto s = read_sha256(r, *sha);
  if (!u || !s) return std::nullopt;
  source.url = *u;
  source.sha256 = *s;
  return source;
}

}  // namespace bpfcompat::config
