#include <fstream>

#include <fmt/format.h>

#include "bpfcompat/sources/btf_source.h"
#include "error_context.h"

namespace bpfcompat::sources {
namespace {

constexpr std::uint64_t kMaxBtfBytes = 256ull << 20;

// Raw BTF opens with struct btf_header: magic 0xEB9F (little-endian on x86_64), version 1.
bool is_raw_btf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char header[3] = {0, 0, 0};
  in.read(reinterpret_cast<char*>(header), sizeof header);  // NOLINT
  return in.gcount() == 3 && header[0] == 0x9f && header[1] == 0xeb && header[2] == 1;
}

}  // namespace

Result<std::string> prepare_btf(Cache& cache, const config::Profile& profile) {
  if (!profile.btf) return std::string();
  const config::BtfSource& btf = *profile.btf;
  std::string path = btf.path;
  if (path.empty()) {
    auto fetched = cache.fetch_verified(btf.url, btf.sha256, kMaxBtfBytes);
    if (!fetched) {
      return in_context(std::move(fetched).error(),
                        fmt::format("fetching the BTF of profile {}", profile.id));
    }
    path = *fetched;
  }
  if (!is_raw_btf(path)) {
    return invalid_input(
        fmt::format("{} (btf: of profile {}, {}) is not a raw BTF file: it does not start with "
                    "the BTF magic 0xEB9F",
                    btf.describe(), profile.id, profile.origin),
        "name the vmlinux BTF itself: btfhub's .btf.tar.xz files unpack to it (tar xJf FILE), "
        "and `llvm-objcopy --dump-section .BTF=vmlinux.btf vmlinux` extracts it from a kernel");
  }
  return path;
}

}  // namespace bpfcompat::sources
