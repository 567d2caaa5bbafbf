#include "bpfcompat/inspect/artifact_check.h"

#include <elf.h>

#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/sha256.h"

namespace bpfcompat::inspect {
namespace {

constexpr std::size_t kMaxArtifactBytes = 256u << 20;
constexpr const char* kBuildHint =
    "pass a compiled eBPF object, e.g. clang -O2 -g -target bpf -c prog.bpf.c -o prog.bpf.o";

Result<void> check_elf(const std::string& path, const std::string& data) {
  if (data.size() < sizeof(Elf64_Ehdr) || std::memcmp(data.data(), ELFMAG, SELFMAG) != 0) {
    return invalid_input(fmt::format("{}: not an ELF file", path), kBuildHint);
  }
  Elf64_Ehdr eh;
  std::memcpy(&eh, data.data(), sizeof eh);
  if (eh.e_ident[EI_CLASS] != ELFCLASS64) {
    return invalid_input(fmt::format("{}: a 32-bit ELF file, not an eBPF object", path),
                         kBuildHint);
  }
  if (eh.e_machine != EM_BPF) {
    return invalid_input(fmt::format("{}: an ELF file for machine {}, not for BPF (machine 247)",
                                     path, eh.e_machine),
                         kBuildHint);
  }
  std::uint64_t sh_end = eh.e_shoff + std::uint64_t{eh.e_shnum} * eh.e_shentsize;
  if (eh.e_shoff == 0 || eh.e_shentsize != sizeof(Elf64_Shdr) || sh_end > data.size()) {
    return invalid_input(
        fmt::format("{}: truncated ELF file: section headers end at byte {} but the file has {}",
                    path, sh_end, data.size()),
        "rebuild the object; the file was cut short (interrupted copy or download?)");
  }
  for (unsigned i = 0; i < eh.e_shnum; ++i) {
    Elf64_Shdr sh;
    std::memcpy(&sh, data.data() + eh.e_shoff + std::uint64_t{i} * sizeof sh, sizeof sh);
    if (sh.sh_type != SHT_NOBITS && sh.sh_offset + sh.sh_size > data.size()) {
      return invalid_input(
          fmt::format("{}: truncated ELF file: section {} ends at byte {} but the file has {}",
                      path, i, sh.sh_offset + sh.sh_size, data.size()),
          "rebuild the object; the file was cut short (interrupted copy or download?)");
    }
  }
  return {};
}

}  // namespace

Result<ArtifactFile> check_artifact(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return invalid_input(
        fmt::format("{}: no such file", path),
        "check the --artifact path (relative paths are from the current directory)");
  }
  if (std::filesystem::is_directory(path, ec)) {
    return invalid_input(fmt::format("{}: is a directory, not an eBPF object", path), kBuildHint);
  }
  auto data = read_file(path, kMaxArtifactBytes);
  if (!data) return std::move(data).error();
  if (auto ok = check_elf(path, *data); !ok) return std::move(ok).error();
  ArtifactFile info;
  info.name = std::filesystem::path(path).filename().string();
  info.path = std::filesystem::absolute(path, ec).lexically_normal().string();
  info.sha256 = sha256_hex(*data);
  return info;
}

}  // namespace bpfcompat::inspect
