// The `kernel:` and `image:` sections of a profile → KernelSource / ImageSource, validated
// (one source, URLs, sha256, local files that exist).
#pragma once

#include <optional>

#include "bpfcompat/config/matrix.h"
#include "yaml_reader.h"

namespace bpfcompat::config {

// kernel: {apt: {...}} | {package: {url, sha256}} | {local: {vmlinuz, modules}}
std::optional<KernelSource> read_kernel_source(YamlReader& reader, const Field& kernel);
// image: {url, sha256} | {local: path}
std::optional<ImageSource> read_image_source(YamlReader& reader, const Field& image);

}  // namespace bpfcompat::config
