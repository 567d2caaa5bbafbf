// The profiles and the matrix bpfcompat ships: Debian's current cloud kernels, kernel lane.
#include <cstdlib>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "bpfcompat/config/matrix.h"

namespace bpfcompat::config {
namespace {

Profile debian_profile(const char* id, const char* version, const char* suite) {
  Profile p;
  p.id = id;
  p.distro = "debian";
  p.version = version;
  p.lane = Lane::kKernel;
  p.kernel.apt =
      AptSource{debian_mirror(), {suite}, "linux-image-cloud-amd64", {"main"}, "amd64", ""};
  p.origin = "built-in";
  return p;
}

}  // namespace

const char* lane_name(Lane lane) {
  switch (lane) {
    case Lane::kKernel:
      return "kernel";
    case Lane::kCloudImage:
      return "cloud-image";
    case Lane::kHost:
      return "host";
  }
  return "unknown";
}

std::optional<Lane> parse_lane(const std::string& name) {
  for (Lane lane : {Lane::kKernel, Lane::kCloudImage, Lane::kHost}) {
    if (name == lane_name(lane)) return lane;
  }
  return std::nullopt;
}

std::string KernelSource::describe() const {
  if (apt) {
    std::string pin = apt->version.empty() ? "" : " " + apt->version;
    return fmt::format("apt {}/{}{}", fmt::join(apt->suites, ","), apt->package, pin);
  }
  if (rpm) {
    std::string pin = rpm->version.empty() ? "" : fmt::format(" {}", rpm->version);
    return fmt::format("rpm {}{} from {}", rpm->package, pin, rpm->where());
  }
  if (package) return fmt::format("package {}", package->url);
  if (local) return fmt::format("local {}", local->vmlinuz);
  return "none";
}

const std::string& RpmSource::where() const {
  if (!mirrorlist.empty()) return mirrorlist;
  if (!metalink.empty()) return metalink;
  return repo;
}

std::string debian_mirror() {
  const char* env = std::getenv("BPFCOMPAT_DEBIAN_MIRROR");
  if (env != nullptr && *env != '\0') return env;
  return "http://deb.debian.org/debian";
}

std::vector<Profile> builtin_profiles() {
  // sid's linux-image-cloud-amd64 is a meta package too; the sources module follows it to the
  // packages that carry the kernel and its modules.
  return {
      debian_profile("debian-11", "11", "bullseye"),
      debian_profile("debian-12", "12", "bookworm"),
      debian_profile("debian-13", "13", "trixie"),
      debian_profile("debian-unstable", "unstable", "sid"),
  };
}

std::optional<Profile> find_builtin_profile(const std::string& id) {
  for (auto& p : builtin_profiles()) {
    if (p.id == id) return p;
  }
  return std::nullopt;
}

Matrix default_matrix() {
  Matrix m;
  m.name = "default";
  for (auto& p : builtin_profiles()) {
    bool required = p.id != "debian-unstable";
    m.entries.push_back(MatrixEntry{std::move(p), required, std::nullopt});
  }
  return m;
}

}  // namespace bpfcompat::config
