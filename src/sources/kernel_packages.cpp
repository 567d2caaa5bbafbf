#include "kernel_packages.h"

#include <set>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

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
  std::string base = repo;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return DebPackage{p.name, p.version, base + "/" + p.filename, p.sha256, p.size};
}

}  // namespace

Result<ResolvedKernel> resolve_kernel_packages(const std::vector<AptPackage>& packages,
                                               const std::string& package,
                                               const std::string& repo) {
  Index index(packages);
  const AptPackage* image = index.best(DepAtom{package, {}, {}});
  if (!image) {
    return invalid_input(fmt::format("package {} not found in {}", package, repo),
                         "check the profile's repo, suite and package names");
  }
  for (int depth = 0; depth < 8; ++depth) {
    const AptPackage* next = image_behind(index, *image);
    if (!next || next == image) break;
    image = next;
  }
  ResolvedKernel out;
  out.version = image->version;
  std::set<std::string> seen{image->name};
  std::vector<const AptPackage*> queue{image};
  for (std::size_t i = 0; i < queue.size(); ++i) {
    const AptPackage* p = queue[i];
    if (p->sha256.empty() || p->filename.empty()) {
      return infrastructure_error(
          fmt::format("package {} {} has no Filename or SHA256 in {}", p->name, p->version, repo));
    }
    out.debs.push_back(to_deb(*p, repo));
    for (const auto& group : all_relations(*p)) {
      for (const auto& atom : group) {
        if (!is_followed(atom.name)) continue;
        const AptPackage* dep = index.best(atom);
        if (!dep) continue;  // virtual or absent: try the next alternative
        if (seen.insert(dep->name).second) queue.push_back(dep);
        break;
      }
    }
  }
  return out;
}

}  // namespace bpfcompat::sources
