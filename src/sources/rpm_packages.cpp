#include "rpm_packages.h"

#include <fnmatch.h>

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace bpfcompat::sources {
namespace {

// "1:5.14.0-427.el9" → "5.14.0-427.el9": pins name VERSION-RELEASE, as `rpm -q` prints it.
std::string version_release(const std::string& evr) {
  auto colon = evr.find(':');
  return colon == std::string::npos ? evr : evr.substr(colon + 1);
}

bool arch_fits(const RpmPackage& p, const std::string& arch) {
  return p.arch == arch;
}

std::string list_versions(std::vector<const RpmPackage*> found) {
  std::sort(found.begin(), found.end(), [](const RpmPackage* a, const RpmPackage* b) {
    return rpm_evr_compare(a->evr, b->evr) > 0;
  });
  std::string out;
  for (std::size_t i = 0; i < found.size() && i < 8; ++i) {
    out += (i ? ", " : "") + version_release(found[i]->evr);
  }
  if (found.size() > 8) out += fmt::format(" and {} more", found.size() - 8);
  return out;
}

Result<const RpmPackage*> pick_kernel(const std::vector<RpmPackage>& index,
                                      const config::RpmSource& source) {
  std::vector<const RpmPackage*> named;
  const RpmPackage* best = nullptr;
  for (const auto& p : index) {
    if (p.name != source.package || !arch_fits(p, source.arch)) continue;
    named.push_back(&p);
    if (!source.version.empty() &&
        fnmatch(source.version.c_str(), version_release(p.evr).c_str(), 0) != 0) {
      continue;
    }
    if (best == nullptr || rpm_evr_compare(p.evr, best->evr) > 0) best = &p;
  }
  if (best != nullptr) return best;
  if (named.empty()) {
    return invalid_input(
        fmt::format("the repository has no package '{}' for {}", source.package, source.arch),
        "check the profile's package (kernel-core on EL 8/9, kernel on Amazon Linux 2, "
        "kernel-uek-core on Oracle UEK, kernel-default on SUSE) and that the repo is the one "
        "holding the kernel (BaseOS, not AppStream)");
  }
  return invalid_input(fmt::format("no '{}' version matches '{}'; the repository has {}",
                                   source.package, source.version, list_versions(named)),
                       "change the profile's version pin (a glob on VERSION-RELEASE)");
}

std::vector<std::string> available_versions(const std::vector<RpmPackage>& index,
                                            const config::RpmSource& source) {
  std::vector<const RpmPackage*> named;
  for (const auto& p : index) {
    if (p.name == source.package && arch_fits(p, source.arch)) named.push_back(&p);
  }
  std::sort(named.begin(), named.end(), [](const RpmPackage* a, const RpmPackage* b) {
    return rpm_evr_compare(a->evr, b->evr) < 0;
  });
  std::vector<std::string> out;
  for (const RpmPackage* p : named) {
    std::string vr = version_release(p->evr);
    if (out.empty() || out.back() != vr) out.push_back(std::move(vr));
  }
  return out;
}

bool provides(const RpmPackage& p, const std::string& name) {
  return p.name == name || std::find(p.provides_names.begin(), p.provides_names.end(), name) !=
                               p.provides_names.end();
}

std::string url_of(const RpmPackage& p, const std::string& baseurl) {
  std::string base = p.base.empty() ? baseurl : p.base;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + p.location;
}

}  // namespace

std::string rpm_kernel_stem(const std::string& package) {
  std::string stem = package;
  if (stem.size() > 5 && stem.compare(stem.size() - 5, 5, "-core") == 0)
    stem.resize(stem.size() - 5);
  return stem;
}

Result<ResolvedRpmKernel> resolve_rpm_packages(const std::vector<RpmPackage>& index,
                                               const config::RpmSource& source,
                                               const std::string& baseurl) {
  auto kernel = pick_kernel(index, source);
  if (!kernel) return std::move(kernel).error();
  const RpmPackage& main = **kernel;
  std::string stem = rpm_kernel_stem(main.name);
  // Only the kernel's own family of the same build (same version and arch): never -debug,
  // -devel or -extra packages, whatever they provide.
  std::set<std::string> family{stem, stem + "-core", stem + "-modules", stem + "-modules-core"};
  std::vector<const RpmPackage*> build;
  for (const auto& p : index) {
    if (&p != &main && p.evr == main.evr && p.arch == main.arch && family.count(p.name) != 0) {
      build.push_back(&p);
    }
  }
  std::vector<const RpmPackage*> chosen{&main};
  std::set<const RpmPackage*> seen{&main};
  auto take = [&](const RpmPackage* p) {
    if (seen.insert(p).second) chosen.push_back(p);
  };
  for (const auto* p : build) {
    if (p->name == stem + "-modules" || p->name == stem + "-modules-core") take(p);
  }
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    for (const auto& dep : chosen[i]->requires_names) {
      for (const auto* p : build) {
        if (provides(*p, dep)) take(p);
      }
    }
  }
  ResolvedRpmKernel out;
  out.evr = main.evr;
  out.available = available_versions(index, source);
  for (const auto* p : chosen) {
    out.rpms.push_back(*p);
    out.urls.push_back(url_of(*p, baseurl));
  }
  return out;
}

}  // namespace bpfcompat::sources
