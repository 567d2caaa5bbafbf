#include "profile_parser.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "did_you_mean.h"
#include "source_parser.h"

namespace bpfcompat::config {
namespace {

constexpr int kMaxMemoryMb = 1 << 20;
constexpr int kMaxCpus = 256;

const std::vector<std::string> kDefinitionKeys = {"distro", "version", "lane", "kernel", "image"};

bool is_module_name(const std::string& name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

std::optional<Lane> read_lane(YamlReader& r, const Field& f) {
  auto text = r.non_empty_string(f);
  if (!text) return std::nullopt;
  if (auto lane = parse_lane(*text)) return lane;
  std::string hint = did_you_mean(*text, {"kernel", "cloud-image", "host"});
  r.error(f, fmt::format("unknown lane '{}'", *text),
          (hint.empty() ? "" : hint + " ") + "lanes are kernel, cloud-image and host");
  return std::nullopt;
}

void read_arch(YamlReader& r, const Field& f, Profile& p) {
  auto text = r.non_empty_string(f);
  if (!text) return;
  if (*text == "x86_64" || *text == "amd64") {
    p.arch = "x86_64";
  } else if (*text == "aarch64" || *text == "arm64") {
    r.error(f, fmt::format("arch '{}' is not supported yet", *text),
            "only x86_64 (amd64) kernels can be booted for now");
  } else {
    std::string hint = did_you_mean(*text, {"x86_64", "amd64"});
    r.error(f, fmt::format("unknown arch '{}'", *text),
            (hint.empty() ? "" : hint + " ") + "supported: x86_64 (amd64)");
  }
}

void read_modules(YamlReader& r, const Field& f, Profile& p) {
  auto names = r.string_list(f);
  if (!names) return;
  std::size_t i = 0;
  for (const auto& item : f.value) {
    const std::string& name = (*names)[i++];
    if (!is_module_name(name)) {
      r.error(item, fmt::format("invalid module name '{}'", name),
              "name a module as modprobe does, e.g. sch_ingress");
    }
  }
  p.modules = std::move(*names);
}

void read_cmdline(YamlReader& r, const Field& f, Profile& p) {
  auto text = r.string(f);
  if (!text) return;
  for (char c : *text) {
    if (std::iscntrl(static_cast<unsigned char>(c))) {
      r.error(f, "'kernel_cmdline' must be a single line");
      return;
    }
  }
  p.kernel_cmdline = *text;
}

// The source section a lane needs; a section that belongs to another lane is an error.
void read_sources(YamlReader& r, const YAML::Node& node, Profile& p) {
  auto kernel = find_field(node, "kernel");
  auto image = find_field(node, "image");
  if (kernel && p.lane != Lane::kKernel) {
    r.error(kernel->key, fmt::format("'kernel' is for the kernel lane; this profile's lane is {}",
                                     lane_name(p.lane)));
  } else if (kernel) {
    if (auto source = read_kernel_source(r, *kernel)) p.kernel = *source;
  } else if (p.lane == Lane::kKernel) {
    r.error(node, fmt::format("profile '{}' has no kernel source", p.id),
            "add 'kernel:' with one of apt, rpm, package or local");
  }
  if (image && p.lane != Lane::kCloudImage) {
    r.error(image->key,
            fmt::format("'image' is for the cloud-image lane; this profile's lane is {}",
                        lane_name(p.lane)));
  } else if (image) {
    p.image = read_image_source(r, *image);
  } else if (p.lane == Lane::kCloudImage) {
    r.error(node, fmt::format("profile '{}' has no image", p.id),
            "add 'image:' with url and sha256 (or checksum_url), or path");
  }
}

// The cloud-image lane needs a login user: given, or the distro's known default.
void check_ssh_user(YamlReader& r, const YAML::Node& node, Profile& p) {
  if (p.lane != Lane::kCloudImage || !p.ssh_user.empty()) return;
  p.ssh_user = default_ssh_user(p.distro);
  if (!p.ssh_user.empty() || find_field(node, "ssh_user")) return;
  r.error(node, fmt::format("profile '{}' needs 'ssh_user'", p.id),
          p.distro.empty() ? "add 'ssh_user:' (the image's cloud-init default user), or a known "
                             "'distro:' (debian, ubuntu, almalinux, rocky, centos, fedora, "
                             "amazon, opensuse)"
                           : fmt::format("bpfcompat knows no default user for distro '{}'; add "
                                         "'ssh_user:' (the image's cloud-init default user)",
                                         p.distro));
}

}  // namespace

const char* const kProfileIdRule = "ids match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

bool is_valid_profile_id(const std::string& id) {
  if (id.empty() || id.size() > 64 || !std::isalnum(static_cast<unsigned char>(id[0]))) {
    return false;
  }
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

const std::vector<std::string>& profile_keys() {
  static const std::vector<std::string> keys = {
      "id",      "distro",    "version", "lane", "kernel",   "image", "kernel_cmdline",
      "modules", "memory_mb", "cpus",    "arch", "ssh_user", "boot",  "btf"};
  return keys;
}

bool is_profile_definition(const YAML::Node& node) {
  if (!node.IsMap()) return false;
  for (const auto& kv : node) {
    if (!kv.first.IsScalar()) continue;
    for (const auto& key : kDefinitionKeys) {
      if (kv.first.Scalar() == key) return true;
    }
  }
  return false;
}

void read_profile_definition(YamlReader& r, const YAML::Node& node, Profile& p) {
  p.lane = Lane::kKernel;
  p.kernel = KernelSource{};
  if (auto f = find_field(node, "lane")) p.lane = read_lane(r, *f).value_or(p.lane);
  if (auto f = find_field(node, "distro")) p.distro = r.string(*f).value_or("");
  if (auto f = find_field(node, "version")) p.version = r.string(*f).value_or("");
  read_sources(r, node, p);
  read_profile_tunables(r, node, p);
  check_ssh_user(r, node, p);
}

void read_profile_tunables(YamlReader& r, const YAML::Node& node, Profile& p) {
  if (auto f = find_field(node, "kernel_cmdline")) read_cmdline(r, *f, p);
  if (auto f = find_field(node, "modules")) read_modules(r, *f, p);
  if (auto f = find_field(node, "memory_mb"))
    p.memory_mb = r.positive_int(*f, kMaxMemoryMb).value_or(0);
  if (auto f = find_field(node, "cpus")) p.cpus = r.positive_int(*f, kMaxCpus).value_or(0);
  if (auto f = find_field(node, "arch")) read_arch(r, *f, p);
  if (auto f = find_field(node, "btf")) p.btf = read_btf_source(r, *f);
  if (auto f = find_field(node, "boot")) {
    if (p.lane != Lane::kCloudImage) {
      r.error(f->key, fmt::format("'boot' applies to the cloud-image lane only; this profile's "
                                  "lane is {}",
                                  lane_name(p.lane)));
    } else {
      p.boot = read_direct_boot(r, *f);
    }
  }
  if (auto f = find_field(node, "ssh_user")) {
    if (p.lane != Lane::kCloudImage) {
      r.error(f->key, fmt::format("'ssh_user' applies to the cloud-image lane only; this "
                                  "profile's lane is {}",
                                  lane_name(p.lane)));
    } else {
      p.ssh_user = r.non_empty_string(*f).value_or("");
    }
  }
}

}  // namespace bpfcompat::config
