#include "kernel_packages.h"

#include <fnmatch.h>

#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base_url.h"
#include "deb_version.h"

namespace bpfcompat::sources {
namespace {

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// linux-* packages that never carry a kernel image or its modules.
bool is_followed(std::string_view name) {
  if (!starts_with(name, "linux-") || name == "linux-base" || ends_with(name, "-dbg")) return false;
  for (std::string_view skip : {"linux-firmware", "linux-headers-", "linux-doc", "linux-tools-",
                                "linux-cloud-tools-", "linux-libc-dev", "linux-source"}) {
    if (starts_with(name, skip)) return false;
  }
  return true;
}

class Index {
 public:
  explicit Index(const std::vector<AptPackage>& packages) : packages_(packages) {
    for (const auto& p : packages) by_name_.emplace(p.name, &p);
  }
  const std::vector<AptPackage>& packages() const { return packages_; }
  // Every stanza named `name`, in index order.
  std::vector<const AptPackage*> all(const std::string& name) const {
    std::vector<const AptPackage*> out;
    auto [b, e] = by_name_.equal_range(name);
    for (auto it = b; it != e; ++it) out.push_back(it->second);
    return out;
  }
  // The newest stanza named atom.name that satisfies its version relation.
  const AptPackage* best(const DepAtom& atom) const {
    const AptPackage* found = nullptr;
    auto [b, e] = by_name_.equal_range(atom.name);
    for (auto it = b; it != e; ++it) {
      const AptPackage* p = it->second;
      if (!deb_version_satisfies(p->version, atom.op, atom.version)) continue;
      if (!found || compare_deb_versions(p->version, found->version) > 0) found = p;
    }
    return found;
  }

 private:
  const std::vector<AptPackage>& packages_;
  std::unordered_multimap<std::string, const AptPackage*> by_name_;
};

std::vector<std::vector<DepAtom>> all_relations(const AptPackage& p) {
  auto groups = parse_relations(p.pre_depends);
  auto deps = parse_relations(p.depends);
  groups.insert(groups.end(), deps.begin(), deps.end());
  return groups;
}

// The versioned image a meta package points at, or nullptr when `p` is not a meta package.
const AptPackage* image_behind(const Index& index, const AptPackage& p) {
  const AptPackage* found = nullptr;
  for (const auto& group : all_relations(p)) {
    for (const auto& atom : group) {
      if (!starts_with(atom.name, "linux-image-") || ends_with(atom.name, "-dbg")) continue;
      const AptPackage* cand = index.best(atom);
      if (cand && (!found || compare_deb_versions(cand->version, found->version) > 0)) {
        found = cand;
      }
    }
  }
  return found;
}

DebPackage to_deb(const AptPackage& p, const std::string& repo) {
  return DebPackage{p.name, p.version, without_trailing_slashes(repo) + "/" + p.filename, p.sha256,
                    p.size};
}

// The image behind one stanza of the requested package: meta packages followed (at most 8 deep).
const AptPackage* image_of(const Index& index, const AptPackage* image) {
  for (int depth = 0; depth < 8; ++depth) {
    const AptPackage* next = image_behind(index, *image);
    if (!next || next == image) break;
    image = next;
  }
  return image;
}

// "linux-image-unsigned-6.8.0-49-generic" → "6.8.0-49-generic" (also for the signed name).
std::string release_part(std::string_view image) {
  for (std::string_view prefix : {"linux-image-unsigned-", "linux-image-"}) {
    if (starts_with(image, prefix)) return std::string(image.substr(prefix.size()));
  }
  return {};
}

// "linux-image-unsigned-" or "linux-image-", the part of an image's name before its release.
std::string_view image_kind(std::string_view image) {
  return starts_with(image, "linux-image-unsigned-") ? "linux-image-unsigned-" : "linux-image-";
}

// A release's flavour: "6.8.0-49-generic" → "generic", "6.1.0-41-cloud-amd64" → "cloud-amd64",
// "6.12.9+deb13-amd64" → "amd64": what follows the upstream version and the ABI number.
std::string flavour_of(std::string_view release) {
  auto dash = release.find('-');
  if (dash == std::string_view::npos) return {};
  std::string_view rest = release.substr(dash + 1);
  auto next = rest.find('-');
  std::string_view abi = rest.substr(0, next);
  bool numeric = !abi.empty() &&
                 std::all_of(abi.begin(), abi.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!numeric) return std::string(rest);
  return next == std::string_view::npos ? std::string() : std::string(rest.substr(next + 1));
}

// "6.8.0-49-generic" → "6.8", "6.12.9+deb13-amd64" → "6.12": the upstream major.minor.
std::string_view line_of(std::string_view release) {
  auto first = release.find('.');
  if (first == std::string_view::npos) return release.substr(0, release.find('-'));
  auto end = release.find_first_not_of("0123456789", first + 1);
  return release.substr(0, end);
}

// The images of the same kind, upstream line and flavour as `image` (itself included): the
// index's other builds of that kernel (Ubuntu's GA 5.15 and HWE 6.8 "generic" stay apart).
void add_siblings(const Index& index, const AptPackage& image,
                  std::vector<const AptPackage*>& images) {
  std::string release = release_part(image.name);
  std::string flavour = flavour_of(release);
  if (flavour.empty()) return;
  std::string_view kind = image_kind(image.name);
  for (const AptPackage& p : index.packages()) {
    std::string_view name = p.name;
    if (!starts_with(name, kind) || image_kind(name) != kind || ends_with(name, "-dbg")) continue;
    std::string_view other = name.substr(kind.size());
    if (flavour_of(other) != flavour || line_of(other) != line_of(release)) continue;
    if (std::find(images.begin(), images.end(), &p) == images.end()) images.push_back(&p);
  }
}

// The images behind each stanza of `package` (meta packages followed).
std::vector<const AptPackage*> images_behind(const Index& index, const std::string& package) {
  std::vector<const AptPackage*> images;
  for (const AptPackage* p : index.all(package)) {
    const AptPackage* image = image_of(index, p);
    if (std::find(images.begin(), images.end(), image) == images.end()) images.push_back(image);
  }
  return images;
}

std::vector<std::string> versions_of(std::vector<const AptPackage*> images) {
  std::sort(images.begin(), images.end(), [](const AptPackage* a, const AptPackage* b) {
    return compare_deb_versions(a->version, b->version) < 0;
  });
  std::vector<std::string> out;
  for (const AptPackage* image : images) {
    if (out.empty() || compare_deb_versions(out.back(), image->version) != 0) {
      out.push_back(image->version);
    }
  }
  return out;
}

// Without a pin, the newest image behind the package (the vendor's choice); with one, the newest
// matching image among all builds of its line.
Result<const AptPackage*> pick_image(const KernelQuery& q,
                                     const std::vector<const AptPackage*>& behind,
                                     std::vector<const AptPackage*> images) {
  if (q.version_pin.empty()) images = behind;
  if (images.empty()) {
    return (invalid_input(fmt::format("package {} is in none of {} of {}", q.package,
                                      q.where.empty() ? "the suites" : q.where, q.repo),
                          "check the profile's repo, suites, components and package names"))
        .with_code(kKernelUnavailable);
  }
  const AptPackage* best = nullptr;
  for (const AptPackage* image : images) {
    bool matches =
        q.version_pin.empty() || fnmatch(q.version_pin.c_str(), image->version.c_str(), 0) == 0;
    if (matches && (!best || compare_deb_versions(image->version, best->version) > 0)) {
      best = image;
    }
  }
  if (!best) {
    std::sort(images.begin(), images.end(), [](const AptPackage* a, const AptPackage* b) {
      return compare_deb_versions(a->version, b->version) < 0;
    });
    std::vector<std::string> there;
    for (const AptPackage* image : images) {
      std::string item = fmt::format("{} {}", image->name, image->version);
      if (std::find(there.begin(), there.end(), item) == there.end()) there.push_back(item);
    }
    return (invalid_input(
                fmt::format("version '{}' of {} matches no image package in {}; there are: {}",
                            q.version_pin, q.package, q.where.empty() ? q.repo : q.where,
                            fmt::join(there, ", ")),
                "set the profile's apt 'version' to a glob matching one of these, or drop it"))
        .with_code(kKernelUnavailable);
  }
  return best;
}

}  // namespace

Result<ResolvedKernel> resolve_kernel_packages(const std::vector<AptPackage>& packages,
                                               const std::string& package,
                                               const std::string& repo) {
  return resolve_kernel_packages(packages, KernelQuery{package, repo, {}, {}});
}

Result<ResolvedKernel> resolve_kernel_packages(const std::vector<AptPackage>& packages,
                                               const KernelQuery& q) {
  Index index(packages);
  std::vector<const AptPackage*> behind = images_behind(index, q.package);
  std::vector<const AptPackage*> images = behind;
  for (const AptPackage* image : behind) add_siblings(index, *image, images);
  auto picked = pick_image(q, behind, images);
  if (!picked) return std::move(picked).error();
  const AptPackage* image = *picked;
  ResolvedKernel out;
  out.version = image->version;
  out.available = versions_of(images);
  std::set<std::string> seen{image->name};
  std::vector<const AptPackage*> queue{image};
  auto follow = [&](const DepAtom& atom) {
    const AptPackage* dep = index.best(atom);
    if (!dep) return false;  // virtual or absent: try the next alternative
    if (seen.insert(dep->name).second) queue.push_back(dep);
    return true;
  };
  for (std::size_t i = 0; i < queue.size(); ++i) {
    const AptPackage* p = queue[i];
    if (p->sha256.empty() || p->filename.empty()) {
      return infrastructure_error(fmt::format("package {} {} has no Filename or SHA256 in {}",
                                              p->name, p->version, q.repo));
    }
    out.debs.push_back(to_deb(*p, q.repo));
    for (const auto& group : all_relations(*p)) {
      for (const auto& atom : group) {
        // The image is chosen: another one (modules-extra's "signed | unsigned") is not followed.
        if (starts_with(atom.name, "linux-image-")) continue;
        if (is_followed(atom.name) && follow(atom)) break;
      }
    }
    // Ubuntu: the rest of the modules, which nothing the image needs depends on.
    if (i == 0 && !release_part(image->name).empty()) {
      follow(DepAtom{"linux-modules-extra-" + release_part(image->name), "=", image->version});
    }
  }
  return out;
}

}  // namespace bpfcompat::sources
