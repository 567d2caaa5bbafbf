// Curated kernel facts the classifier names in remediations: the first upstream release of each
// helper, map type, program type and attach kind, plus errno and signal names. Private to classify.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bpfcompat::classify {

struct KernelVersion {
  int major = 0;
  int minor = 0;
  std::string str() const;  // "5.17"
};
bool operator<(const KernelVersion& a, const KernelVersion& b);

// "5.10.0-33-cloud-amd64" → 5.10; nullopt when it does not start with N.N.
std::optional<KernelVersion> parse_kernel_release(std::string_view release);

// First upstream release with the helper (BPF_FUNC_* id), map type or program type (uapi enums).
// These are upstream facts; vendor kernels may backport (RHEL does).
std::optional<KernelVersion> helper_since(int helper_id);
std::optional<KernelVersion> map_type_since(int map_type);
std::optional<KernelVersion> prog_type_since(int prog_type);

// What an older kernel can use instead, or "" when nothing fits.
std::string helper_alternative(std::string_view helper_name);  // name without bpf_
std::string map_type_alternative(int map_type);

// An attach mechanism recognised from the section or libbpf's attach type name.
struct AttachKind {
  std::string label;  // "kprobe.multi", "tcx", ...
  KernelVersion since;
  std::string fallback;  // what to do on a kernel without it
};
std::optional<AttachKind> attach_kind(std::string_view section, std::string_view attach_type_name);

// "BPF_MAP_TYPE_RINGBUF" from libbpf's "ringbuf"; "map type 27" when the name is unknown.
std::string map_type_enum(std::string_view type_name, int type);
std::string prog_type_enum(std::string_view type_name, int type);

// "EINVAL", "EOPNOTSUPP", "ENOTSUPP" (524), or "errno N".
std::string errno_name(int err);
// "SIGSEGV", or "signal N".
std::string signal_name(int sig);

}  // namespace bpfcompat::classify
