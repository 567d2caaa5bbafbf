// Turns a profile's kernel source into a bootable kernel on disk: apt resolution, download,
// checksum, .deb extraction, module lookup.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "bpfcompat/config/matrix.h"
#include "bpfcompat/core/result.h"
#include "bpfcompat/sources/cache.h"

namespace bpfcompat::sources {

struct DebPackage {
  std::string name;
  std::string version;
  std::string url;  // repo + Filename
  std::string sha256;
  std::uint64_t size = 0;
};

// The concrete packages behind an apt kernel: the versioned image package first (and on sid, the
// linux-binary-*, linux-modules-* and linux-base-* packages that carry the kernel, its modules and
// config).
struct ResolvedKernel {
  std::string version;  // package version of the image, e.g. 6.1.158-1
  std::vector<DebPackage> debs;
  // Every image version the package can resolve to, oldest first by dpkg's ordering, whatever
  // the pin: those behind the package and the other images of the same flavour and kind in the
  // index (Ubuntu keeps the older ABIs published).
  std::vector<std::string> available;
};
// For each suite: Release (cached 6 h; its signature is not checked) → each component's Packages
// index, verified against the SHA256 in Release → the newest `package` across them all (or the
// newest whose image version matches source.version), meta packages followed, Ubuntu's
// linux-modules-extra-* included. A missing suite is DOWNLOAD_FAILED naming its Release URL; an
// unknown package or a pin matching nothing is kInvalidInput with code KERNEL_UNAVAILABLE.
Result<ResolvedKernel> resolve_apt_kernel(Cache& cache, const config::AptSource& source);

struct PreparedKernel {
  std::string vmlinuz;       // the bzImage: boot/vmlinuz-<rel> or lib/modules/<rel>/vmlinuz
  std::string modules_root;  // .../lib/modules/<release> (usr/lib moved to lib), may be empty
  std::string release;       // uname -r of the kernel, from the package contents
  std::string package;       // e.g. linux-image-6.1.0-41-cloud-amd64 (empty for local)
  std::string package_version;
  std::string sha256;  // of the main package or of the vmlinuz
  std::string source;  // KernelSource::describe()
  // The newest version the source's index offers for the profile's package, ignoring the
  // `version` pin, comparable to package_version ("" for local and package-URL sources).
  std::string newest_version;
};
// Blocks while downloading; results are cached, so a second call costs only the index check.
Result<PreparedKernel> prepare_kernel(Cache& cache, const config::Profile& profile);

// Every version of the profile's kernel package the index offers, oldest first by the vendor's
// ordering (dpkg's for apt, rpm's for rpm), ignoring the `version` pin; each is a value the pin
// matches exactly (a deb version, an rpm VERSION-RELEASE). Resolves the index only, downloads no
// package. A local or package-URL source is kInvalidInput: it has no index.
Result<std::vector<std::string>> available_kernel_versions(Cache& cache,
                                                           const config::Profile& profile);
// The source's own version ordering (dpkg's for apt and package URLs, rpm's for rpm; plain text
// order otherwise): <0, 0 or >0.
int compare_kernel_versions(const config::KernelSource& source, const std::string& a,
                            const std::string& b);

struct KernelModule {
  std::string name;  // e.g. sch_ingress
  std::string path;  // uncompressed .ko on the host
};
// Finds the named modules and their dependencies (from each module's .modinfo `depends=`) in
// the kernel's module tree, in load order, decompressing .ko.xz/.ko.zst/.ko.gz into out_dir. Names
// that are not modules of this kernel (built in, or absent) are left out, not errors.
Result<std::vector<KernelModule>> resolve_modules(const PreparedKernel& kernel,
                                                  const std::vector<std::string>& names,
                                                  const std::string& out_dir);

// Which module of this kernel defines each of `functions` that vmlinux does not (System.map):
// function → module name, for kprobe/fentry targets that live in a module. Functions of vmlinux,
// or of no module, are left out. The first call for a kernel indexes the functions of all its
// modules (seconds) into the cache (keyed by the kernel's sha256, release and module tree);
// later calls read that index.
Result<std::map<std::string, std::string>> modules_defining(
    Cache& cache, const PreparedKernel& kernel, const std::vector<std::string>& functions);

}  // namespace bpfcompat::sources
