// The `kernel:` and `image:` sections of a profile → KernelSource / ImageSource, validated
// (one source, URLs, sha256, local files that exist).
#pragma once

#include <optional>

#include "bpfcompat/config/matrix.h"
#include "yaml_reader.h"

namespace bpfcompat::config {

// kernel: {apt: {...}} | {rpm: {...}} | {package: {url, sha256}} | {local: {vmlinuz, modules}}
std::optional<KernelSource> read_kernel_source(YamlReader& reader, const Field& kernel);
// rpm: {repo | mirrorlist | metalink, package, version, arch} (rpm_source_parser.cpp)
std::optional<RpmSource> read_rpm(YamlReader& reader, const Field& rpm);
// image: {url|source_url, sha256 | checksum_url, format} | {local|local_path|path, format}
std::optional<ImageSource> read_image_source(YamlReader& reader, const Field& image);
// btf: {path} | {url, sha256} (btf_parser.cpp)
std::optional<BtfSource> read_btf_source(YamlReader& reader, const Field& btf);
// boot: {kernel, initrd, cmdline} (local files)
std::optional<DirectBoot> read_direct_boot(YamlReader& reader, const Field& boot);

// Shared field readers; each reports its own errors and returns nullopt on them.
void missing_key(YamlReader& r, const Field& section, const std::string& key,
                 const std::string& needs);
std::optional<std::string> read_url(YamlReader& r, const Field& f,
                                    std::initializer_list<const char*> schemes);
std::optional<std::string> read_sha256(YamlReader& r, const Field& f);
// A local file or directory named in the profile; it must exist now.
std::optional<std::string> read_local_path(YamlReader& r, const Field& f, bool directory);

}  // namespace bpfcompat::config
