// Matrix and profile files → plain structs. The only module that knows YAML exists.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "bpfcompat/core/result.h"

namespace bpfcompat::config {

enum class Lane { kKernel, kCloudImage, kHost };
const char* lane_name(Lane lane);                         // "kernel", "cloud-image", "host"
std::optional<Lane> parse_lane(const std::string& name);  // inverse of lane_name

// A kernel from an apt repository: each suite's Release → each component's Packages index →
// the newest `package` across them all (meta packages are followed to the versioned image package
// and the packages that carry its modules, Ubuntu's linux-modules-extra-* included).
struct AptSource {
  std::string repo;                                // e.g. http://deb.debian.org/debian
  std::vector<std::string> suites;                 // e.g. {jammy, jammy-updates}; newest wins
  std::string package;                             // e.g. linux-image-cloud-amd64
  std::vector<std::string> components = {"main"};  // e.g. {main, restricted}
  std::string arch = "amd64";
  std::string version;  // a glob on the image package's version ("5.15.0-1*"); empty: newest
};

// A kernel from an rpm-md (dnf/yum) repository: repomd.xml → primary → the newest `package`
// (or the newest whose VERSION-RELEASE matches the `version` glob) and the packages carrying its
// modules. Exactly one of repo, mirrorlist and metalink is set.
struct RpmSource {
  std::string repo;        // a baseurl holding repodata/
  std::string mirrorlist;  // a URL listing baseurls, one a line
  std::string metalink;    // a metalink XML naming repomd.xml URLs and its checksum
  std::string package;     // e.g. kernel-core, kernel-uek-core, kernel, kernel-default
  std::string version;     // optional glob on VERSION-RELEASE, e.g. 5.14.0-427.*
  std::string arch = "x86_64";
  const std::string& where() const;  // the one of repo, mirrorlist, metalink that is set
};

struct PackageUrlSource {
  std::string url;     // a .deb
  std::string sha256;  // required
};

struct LocalKernelSource {
  std::string vmlinuz;      // bzImage
  std::string modules_dir;  // optional: lib/modules/<release>
};

// Exactly one of the four is set for a kernel-lane profile.
struct KernelSource {
  std::optional<AptSource> apt;
  std::optional<RpmSource> rpm;
  std::optional<PackageUrlSource> package;
  std::optional<LocalKernelSource> local;
  // "apt bookworm/linux-image-cloud-amd64", "apt jammy,jammy-updates/linux-image-generic",
  // "rpm kernel-core from URL", "local /x/vmlinuz"
  std::string describe() const;
};

// A cloud image for the cloud-image lane: url + sha256, url + sha512, url + checksum_url (a
// SHA256SUMS/SHA512SUMS-style file that lists the url's basename), or a local file.
struct ImageSource {
  std::string url;
  std::string sha256;  // lowercase hex
  std::string sha512;  // lowercase hex
  std::string checksum_url;
  std::string checksum_type;  // with checksum_url: "sha256", "sha512", or empty: by digest length
  std::string local_path;
  std::string format;            // "qcow2", "raw", or empty: detected from the file's header
  std::string describe() const;  // "https://.../x.qcow2", "local /x/disk.img"
};

// Direct kernel boot for images without a bootloader (-kernel/-initrd/-append).
struct DirectBoot {
  std::string kernel;   // absolute path
  std::string initrd;   // absolute path, may be empty
  std::string cmdline;  // e.g. "root=LABEL=cloudroot ro console=ttyS0"
};

// External vmlinux BTF for a kernel built without CONFIG_DEBUG_INFO_BTF (a btfhub-style raw
// `.btf` file), handed to libbpf as btf_custom_path: a local file, or a url with its sha256.
struct BtfSource {
  std::string path;              // absolute; set for a local file
  std::string url;               // set for a download, with sha256
  std::string sha256;            // lowercase hex
  std::string describe() const;  // "local /x/vmlinux.btf" or the url
};

// The login user of a distro's cloud images ("debian", "ubuntu", "ec2-user"...), or empty.
std::string default_ssh_user(const std::string& distro);

struct Profile {
  std::string id;
  std::string distro;
  std::string version;
  Lane lane = Lane::kKernel;
  KernelSource kernel;
  std::string kernel_cmdline;        // extra kernel command line
  std::vector<std::string> modules;  // extra kernel modules to load, by name
  int memory_mb = 0;                 // 0: lane default
  int cpus = 0;                      // 0: lane default
  std::string arch = "x86_64";
  std::string origin;                // "file:line" of its definition, or "built-in"
  std::optional<ImageSource> image;  // cloud-image lane only
  std::string ssh_user;              // cloud-image lane only; the distro's default if not given
  std::optional<DirectBoot> boot;    // cloud-image lane only
  std::optional<BtfSource> btf;      // external vmlinux BTF, for kernels without their own
};

struct MatrixEntry {
  Profile profile;
  bool required = true;
  std::optional<std::chrono::seconds> timeout;
};

struct Matrix {
  std::string name;
  std::string path;  // empty for the built-in matrix
  std::vector<MatrixEntry> entries;
};

// The apt mirror the built-in profiles use: $BPFCOMPAT_DEBIAN_MIRROR or
// http://deb.debian.org/debian.
std::string debian_mirror();

// Built-in profiles: debian-11 (bullseye), debian-12 (bookworm), debian-13 (trixie),
// debian-unstable (sid); kernel lane, cloud flavour.
std::vector<Profile> builtin_profiles();
std::optional<Profile> find_builtin_profile(const std::string& id);

// The default matrix: debian-11/12/13 required, debian-unstable optional.
Matrix default_matrix();

// Folders of profile files (<id>.yaml) that a matrix's `- id:` entries may name besides its own
// profiles/ folder and the built-in profiles: the shipped catalog (matrices/profiles/), so a
// user's matrix can list `- id: rocky-9.4`. Searched in order; empty: none.
struct ProfileCatalog {
  std::vector<std::string> dirs;
};

// A profile by its id alone: a built-in one, else the catalog's <id>.yaml. An unknown id is
// kInvalidInput naming the closest known one.
Result<Profile> find_profile(const std::string& id, const ProfileCatalog& catalog);

// Parses a matrix file. Entries with only `id` name a file `profiles/<id>.yaml` beside the matrix,
// else a built-in profile, else `<id>.yaml` in a folder of `catalog`. Relative paths resolve
// against the directory of the file that holds them and come out absolute. All errors of the file
// are collected in one pass and returned as one kInvalidInput Error whose message is the formatted
// diagnostics (file:line:col: error: ..., the source line, a caret, "hint: did you mean ...").
Result<Matrix> load_matrix(const std::string& path, const ProfileCatalog& catalog = {});

// Parses a duration: "90s", "5m", "1m30s", "1h", "120" (seconds). Zero, negative and malformed
// durations are kInvalidInput errors listing the accepted forms.
Result<std::chrono::seconds> parse_duration(const std::string& text);

}  // namespace bpfcompat::config
