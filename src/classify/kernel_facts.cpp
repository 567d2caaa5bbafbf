// Tables from include/uapi/linux/bpf.h history (the kernel's own git log, as summarised in
// bcc's docs/kernel-versions.md). Helper ids are allocated in order, so one threshold list of
// "first id of each release" covers all 211 helpers.
#include "kernel_facts.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <iterator>
#include <utility>

namespace bpfcompat::classify {
namespace {

struct IdSince {
  int first_id;
  KernelVersion since;
};

// The first helper id added in each release; ids up to the next entry belong to it.
constexpr std::array<IdSince, 42> kHelperThresholds{{
    {1, {3, 19}},   {4, {4, 1}},    {12, {4, 2}},   {17, {4, 3}},   {23, {4, 4}},   {26, {4, 5}},
    {27, {4, 6}},   {31, {4, 8}},   {37, {4, 9}},   {42, {4, 10}},  {45, {4, 11}},  {46, {4, 12}},
    {48, {4, 13}},  {51, {4, 14}},  {54, {4, 15}},  {58, {4, 16}},  {60, {4, 17}},  {65, {4, 18}},
    {81, {4, 19}},  {84, {4, 20}},  {91, {5, 0}},   {93, {5, 1}},   {99, {5, 2}},   {109, {5, 3}},
    {111, {5, 5}},  {119, {5, 6}},  {122, {5, 7}},  {125, {5, 8}},  {136, {5, 9}},  {142, {5, 10}},
    {156, {5, 11}}, {163, {5, 12}}, {164, {5, 13}}, {166, {5, 14}}, {169, {5, 15}}, {176, {5, 16}},
    {180, {5, 17}}, {186, {5, 18}}, {194, {5, 19}}, {204, {6, 0}},  {208, {6, 1}},  {210, {6, 2}},
}};
constexpr int kHelperIdEnd = 212;

// Indexed by enum bpf_map_type.
constexpr std::array<KernelVersion, 34> kMapSince{{
    {0, 0},  {3, 19}, {3, 19}, {4, 2},  {4, 3},  {4, 6},  {4, 6},  {4, 6},  {4, 8},
    {4, 10}, {4, 10}, {4, 11}, {4, 12}, {4, 12}, {4, 14}, {4, 14}, {4, 15}, {4, 18},
    {4, 18}, {4, 19}, {4, 19}, {4, 20}, {4, 20}, {4, 20}, {5, 2},  {5, 4},  {5, 6},
    {5, 8},  {5, 10}, {5, 11}, {5, 16}, {6, 1},  {6, 2},  {6, 9},
}};

// Indexed by enum bpf_prog_type.
constexpr std::array<KernelVersion, 33> kProgSince{{
    {0, 0},  {3, 19}, {4, 1},  {4, 1},  {4, 1},  {4, 7},  {4, 8},  {4, 9},  {4, 10},
    {4, 10}, {4, 10}, {4, 10}, {4, 10}, {4, 13}, {4, 14}, {4, 15}, {4, 17}, {4, 17},
    {4, 17}, {4, 18}, {4, 18}, {4, 19}, {4, 20}, {5, 2},  {5, 2},  {5, 3},  {5, 5},
    {5, 6},  {5, 6},  {5, 7},  {5, 9},  {5, 14}, {6, 4},
}};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.rfind(prefix, 0) == 0;
}

}  // namespace

std::string KernelVersion::str() const {
  return fmt::format("{}.{}", major, minor);
}

bool operator<(const KernelVersion& a, const KernelVersion& b) {
  return std::pair(a.major, a.minor) < std::pair(b.major, b.minor);
}

std::optional<KernelVersion> parse_kernel_release(std::string_view release) {
  KernelVersion v;
  std::size_t i = 0;
  auto number = [&](int& out) {
    std::size_t start = i;
    out = 0;
    while (i < release.size() && std::isdigit(static_cast<unsigned char>(release[i]))) {
      out = out * 10 + (release[i++] - '0');
    }
    return i > start;
  };
  if (!number(v.major) || i >= release.size() || release[i++] != '.' || !number(v.minor)) {
    return std::nullopt;
  }
  return v;
}

std::optional<KernelVersion> helper_since(int helper_id) {
  if (helper_id < 1 || helper_id >= kHelperIdEnd) return std::nullopt;
  auto it = std::upper_bound(kHelperThresholds.begin(), kHelperThresholds.end(), helper_id,
                             [](int id, const IdSince& t) { return id < t.first_id; });
  return std::prev(it)->since;
}

std::optional<KernelVersion> map_type_since(int map_type) {
  if (map_type < 1 || map_type >= static_cast<int>(kMapSince.size())) return std::nullopt;
  return kMapSince[static_cast<std::size_t>(map_type)];
}

std::optional<KernelVersion> prog_type_since(int prog_type) {
  if (prog_type < 1 || prog_type >= static_cast<int>(kProgSince.size())) return std::nullopt;
  return kProgSince[static_cast<std::size_t>(prog_type)];
}

std::string helper_alternative(std::string_view name) {
  if (name == "loop") return "a loop with a constant bound (verified since 5.3)";
  if (starts_with(name, "ringbuf_")) {
    return "bpf_perf_event_output() with a BPF_MAP_TYPE_PERF_EVENT_ARRAY";
  }
  if (name == "probe_read_kernel" || name == "probe_read_user") return "bpf_probe_read()";
  if (name == "probe_read_kernel_str" || name == "probe_read_user_str") {
    return "bpf_probe_read_str()";
  }
  if (starts_with(name, "ktime_get_")) return "bpf_ktime_get_ns()";
  if (name == "get_current_task_btf") return "bpf_get_current_task() with BPF_CORE_READ()";
  if (name == "get_func_ip") return "PT_REGS_IP(ctx) in a kprobe";
  if (starts_with(name, "task_storage_")) return "a BPF_MAP_TYPE_HASH keyed by pid";
  if (name == "snprintf") return "formatting in user space";
  return "";
}

std::string map_type_alternative(int map_type) {
  switch (map_type) {
    case 9:
      return "BPF_MAP_TYPE_HASH";
    case 24:
      return "a BPF_MAP_TYPE_HASH keyed by socket cookie";
    case 25:
      return "BPF_MAP_TYPE_DEVMAP";
    case 27:
      return "BPF_MAP_TYPE_PERF_EVENT_ARRAY (a perf buffer)";
    case 29:
      return "a BPF_MAP_TYPE_HASH keyed by pid";
    case 30:
      return "a BPF_MAP_TYPE_HASH";
    case 32:
      return "a BPF_MAP_TYPE_HASH keyed by cgroup id";
    default:
      return "";
  }
}

std::optional<AttachKind> attach_kind(std::string_view section, std::string_view attach_type) {
  auto is = [&](std::string_view prefix, std::string_view type) {
    return starts_with(section, prefix) || (!type.empty() && attach_type == type);
  };
  if (is("kprobe.multi", "trace_kprobe_multi") || starts_with(section, "kretprobe.multi")) {
    return AttachKind{"kprobe.multi",
                      {5, 18},
                      "fall back to one SEC(\"kprobe/<function>\") program per function when the "
                      "multi attach fails"};
  }
  if (is("kprobe.session", "trace_kprobe_session")) {
    return AttachKind{"kprobe.session", {6, 10}, "fall back to a kprobe + kretprobe pair"};
  }
  if (is("uprobe.multi", "trace_uprobe_multi") || starts_with(section, "uretprobe.multi")) {
    return AttachKind{"uprobe.multi", {6, 6}, "fall back to single uprobes"};
  }
  if (is("tcx/", "tcx_ingress") || attach_type == "tcx_egress") {
    return AttachKind{"tcx",
                      {6, 6},
                      "fall back to the classic tc attach (clsact qdisc with bpf_tc_hook_create() "
                      "and bpf_tc_attach()) when tcx is missing"};
  }
  if (is("netkit/", "netkit_primary") || attach_type == "netkit_peer") {
    return AttachKind{"netkit", {6, 7}, "attach with tcx or tc to the device instead"};
  }
  if ((starts_with(section, "cgroup/") && section.find("_unix") != std::string_view::npos) ||
      starts_with(attach_type, "cgroup_unix_")) {
    return AttachKind{"AF_UNIX cgroup socket-address hooks",
                      {6, 7},
                      "skip the AF_UNIX hooks on older kernels (bpf_program__set_autoload(prog, "
                      "false))"};
  }
  if (is("netfilter", "netfilter")) {
    return AttachKind{"netfilter", {6, 4}, "filter in a tc or XDP program instead"};
  }
  if (is("fmod_ret/", "modify_return")) {
    return AttachKind{"fmod_ret", {5, 7}, "use bpf_override_return() from a kprobe instead"};
  }
  if (is("fentry/", "trace_fentry") || is("fexit/", "trace_fexit")) {
    return AttachKind{"fentry/fexit", {5, 5}, "fall back to a kprobe/kretprobe on older kernels"};
  }
  if (is("lsm/", "lsm_mac") || starts_with(section, "lsm.s/")) {
    return AttachKind{"BPF LSM",
                      {5, 7},
                      "boot with CONFIG_BPF_LSM and 'bpf' in the lsm= kernel parameter, or fall "
                      "back to kprobes on the LSM hooks"};
  }
  return std::nullopt;
}

std::string map_type_enum(std::string_view type_name, int type) {
  if (type_name.empty()) return fmt::format("map type {}", type);
  return "BPF_MAP_TYPE_" + upper(type_name);
}

std::string prog_type_enum(std::string_view type_name, int type) {
  if (type_name.empty()) return fmt::format("program type {}", type);
  return "BPF_PROG_TYPE_" + upper(type_name);
}

std::string errno_name(int err) {
  static constexpr std::array<std::pair<int, const char*>, 33> kNames{{
      {EPERM, "EPERM"},
      {ENOENT, "ENOENT"},
      {ESRCH, "ESRCH"},
      {EINTR, "EINTR"},
      {EIO, "EIO"},
      {ENXIO, "ENXIO"},
      {E2BIG, "E2BIG"},
      {ENOEXEC, "ENOEXEC"},
      {EBADF, "EBADF"},
      {EAGAIN, "EAGAIN"},
      {ENOMEM, "ENOMEM"},
      {EACCES, "EACCES"},
      {EFAULT, "EFAULT"},
      {EBUSY, "EBUSY"},
      {EEXIST, "EEXIST"},
      {ENODEV, "ENODEV"},
      {EINVAL, "EINVAL"},
      {ENFILE, "ENFILE"},
      {EMFILE, "EMFILE"},
      {ENOTTY, "ENOTTY"},
      {ENOSPC, "ENOSPC"},
      {ERANGE, "ERANGE"},
      {ENOSYS, "ENOSYS"},
      {ELOOP, "ELOOP"},
      {EPROTO, "EPROTO"},
      {EBADMSG, "EBADMSG"},
      {EILSEQ, "EILSEQ"},
      {EOPNOTSUPP, "EOPNOTSUPP"},
      {EAFNOSUPPORT, "EAFNOSUPPORT"},
      {EADDRNOTAVAIL, "EADDRNOTAVAIL"},
      {ETIMEDOUT, "ETIMEDOUT"},
      {EOVERFLOW, "EOVERFLOW"},
      {524, "ENOTSUPP"},
  }};
  for (const auto& [value, name] : kNames) {
    if (value == err) return name;
  }
  // libbpf's own codes (enum libbpf_errno), which open and load failures can carry.
  static constexpr std::array<const char*, 14> kLibbpf{
      "LIBELF", "FORMAT",   "KVERSION", "ENDIAN",   "INTERNAL", "RELOC",  "LOAD",
      "VERIFY", "PROG2BIG", "KVER",     "PROGTYPE", "WRNGPID",  "INVSEQ", "NLPARSE"};
  if (err >= 4000 && err < 4000 + static_cast<int>(kLibbpf.size())) {
    return fmt::format("LIBBPF_ERRNO__{}", kLibbpf[static_cast<std::size_t>(err - 4000)]);
  }
  return fmt::format("errno {}", err);
}

std::string signal_name(int sig) {
  switch (sig) {
    case SIGSEGV:
      return "SIGSEGV";
    case SIGABRT:
      return "SIGABRT";
    case SIGBUS:
      return "SIGBUS";
    case SIGILL:
      return "SIGILL";
    case SIGFPE:
      return "SIGFPE";
    case SIGKILL:
      return "SIGKILL";
    case SIGTERM:
      return "SIGTERM";
    case SIGSYS:
      return "SIGSYS";
    default:
      return fmt::format("signal {}", sig);
  }
}

}  // namespace bpfcompat::classify
