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
  explicit Index(const std::vector<AptPackage>& packages) {
    for (const auto& p : packages) by_name_.emplace(p.name, &p);
  }
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

Result<const AptPackage*> pick_image(const Index& index, const KernelQuery& q) {
  std::vector<const AptPackage*> images;
  for (const AptPackage* p : index.all(q.package)) {
    const AptPackage* image = image_of(index, p);
    if (std::find(images.begin(), images.end(), image) == images.end()) images.push_back(image);
  }
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
  auto picked = pick_image(index, q);
  if (!picked) return std::move(picked).error();
  const AptPackage* image = *picked;
  ResolvedKernel out;
  out.version = image->version;
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
