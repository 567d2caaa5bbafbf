// Load-failure rows about kernel features: maps, program types, helpers, kfuncs.
#include "load_case.h"

namespace bpfcompat::classify::testing {
namespace {

const char* const kLoopVerifier = "number of funcs in func_info doesn't match number of subprogs\n";
const char* const kLoopLibbpf =
    "libbpf: prog 'count_loops': BPF program load failed: Invalid argument\n"
    "libbpf: prog 'count_loops': -- BEGIN PROG LOAD LOG --\n"
    "number of funcs in func_info doesn't match number of subprogs\n"
    "-- END PROG LOAD LOG --\n"
    "libbpf: prog 'count_loops': failed to load: -22\n"
    "libbpf: failed to load object 'loop.bpf.o'\n";

validation::MapResult map(std::string name, int type, std::string type_name,
                          std::optional<bool> supported, long long max_entries = 4096) {
  return {std::move(name), type, std::move(type_name), max_entries, supported};
}

LoadCase map_case(std::string name, validation::MapResult m, std::string release, std::string line,
                  std::string code, Confidence c, std::string reason, std::string remediation,
                  int err = 22) {
  auto p = failed_load(tracepoint(), err, "", line + "\nlibbpf: failed to load object 'x.bpf.o'\n");
  auto a = artifact("x.bpf.o", {p});
  a.maps = {std::move(m)};
  return {std::move(name),
          a,
          guest(std::move(release)),
          std::move(code),
          c,
          line,
          std::move(reason),
          std::move(remediation)};
}

}  // namespace

std::vector<LoadCase> feature_load_cases() {
  std::vector<LoadCase> cases;
  cases.push_back(
      map_case("arena_on_6_1", map("arena", 33, "arena", false, 100), "6.1.0-28-cloud-amd64",
               "libbpf: map 'arena': failed to create: Invalid argument(-22)",
               "UNSUPPORTED_MAP_TYPE", Confidence::kHigh, "map 'arena' is a BPF_MAP_TYPE_ARENA",
               "BPF_MAP_TYPE_ARENA needs Linux 6.9"));
  cases.push_back(
      map_case("ringbuf_probe_unknown", map("events", 27, "ringbuf", std::nullopt),
               "5.4.0-200-generic", "libbpf: map 'events': failed to create: Invalid argument(-22)",
               "UNSUPPORTED_MAP_TYPE", Confidence::kMedium, "map 'events' could not be created",
               "Use BPF_MAP_TYPE_PERF_EVENT_ARRAY (a perf buffer) instead"));
  cases.push_back(map_case(
      "runtime_sized_map", map("events", 27, "ringbuf", true, 0), "6.1.0-28-cloud-amd64",
      "libbpf: map 'events': failed to create: Invalid argument(-22)", "RUNTIME_SIZED_MAP",
      Confidence::kHigh, "map 'events' has max_entries 0", "max_entries: 1024   # or: cpus"));
  {
    auto stacks = map("stacks", 7, "stack_trace", true, 1024);
    stacks.value_size = 0;
    cases.push_back(map_case("stack_trace_value_size_0", stacks, "6.1.0-28-cloud-amd64",
                             "libbpf: map 'stacks': failed to create: Invalid argument(-22)",
                             "RUNTIME_SIZED_MAP", Confidence::kHigh,
                             "map 'stacks' has value_size 0", "value_size: 1016"));
    auto ring = map("events", 27, "ringbuf", true, 4096);
    ring.value_size = 0;  // a ring buffer has no value size: not the cause
    cases.push_back(map_case("ringbuf_value_size_0_is_by_design", ring, "6.1.0-28-cloud-amd64",
                             "libbpf: map 'events': failed to create: Invalid argument(-22)",
                             "MAP_CREATION_FAILURE", Confidence::kMedium,
                             "rejected the definition of map 'events'", "key/value sizes"));
  }
  cases.push_back(map_case(
      "map_create_eperm", map("counts", 1, "hash", true), "5.10.0-33-cloud-amd64",
      "libbpf: map 'counts': failed to create: Operation not permitted(-1)", "CAPABILITY_FAILURE",
      Confidence::kMedium, "refused the load with EPERM", "RLIMIT_MEMLOCK", 1));
  {
    auto p = failed_load(program("nf_filter", "netfilter", 32, "netfilter"), 22, "",
                         "libbpf: prog 'nf_filter': BPF program load failed: Invalid argument\n"
                         "libbpf: prog 'nf_filter': failed to load: -22\n");
    p.prog_type_supported = false;
    cases.push_back({"netfilter_probe_says_no", artifact("nf.bpf.o", {p}),
                     guest("6.1.0-28-cloud-amd64"), "UNSUPPORTED_PROGRAM_TYPE", Confidence::kHigh,
                     "libbpf: prog 'nf_filter': BPF program load failed: Invalid argument",
                     "program type BPF_PROG_TYPE_NETFILTER is not supported",
                     "BPF_PROG_TYPE_NETFILTER needs Linux 6.4"});
  }
  {
    auto p = failed_load(program("restrict", "lsm/file_open", 29, "lsm"), 22, "",
                         "libbpf: prog 'restrict': BPF program load failed: Invalid argument\n");
    p.prog_type_supported.reset();
    cases.push_back({"lsm_inferred_from_version", artifact("lsm.bpf.o", {p}),
                     guest("5.4.0-200-generic"), "UNSUPPORTED_PROGRAM_TYPE", Confidence::kHigh,
                     "libbpf: prog 'restrict': BPF program load failed: Invalid argument",
                     "BPF_PROG_TYPE_LSM", "BPF_PROG_TYPE_LSM needs Linux 5.7"});
  }
  {
    auto p = failed_load(program("handler", "foo/bar", 0, ""), 22, "",
                         "libbpf: prog 'handler': missing BPF prog type, check ELF section name "
                         "'foo/bar'\nlibbpf: prog 'handler': failed to load: -22\n");
    p.prog_type_supported.reset();
    cases.push_back({"unknown_section", artifact("sec.bpf.o", {p}), guest("6.1.0-28-cloud-amd64"),
                     "UNSUPPORTED_PROGRAM_TYPE", Confidence::kMedium,
                     "libbpf: prog 'handler': missing BPF prog type, check ELF section name "
                     "'foo/bar'",
                     "section 'foo/bar'", "bpf_program__set_type()"});
  }
  {
    auto p = failed_load(program("count_loops", "tp/syscalls/sys_enter_getpid", 5, "tracepoint"),
                         22, kLoopVerifier, kLoopLibbpf);
    p.helpers = {{6, "trace_printk", true}, {181, "loop", false}};
    cases.push_back({"bpf_loop_on_5_10_beats_func_info_text", artifact("loop.bpf.o", {p}),
                     guest("5.10.0-33-cloud-amd64"), "UNSUPPORTED_HELPER", Confidence::kHigh,
                     "number of funcs in func_info doesn't match number of subprogs",
                     "bpf_loop is not available to BPF_PROG_TYPE_TRACEPOINT programs on Linux "
                     "5.10.0-33-cloud-amd64",
                     "bpf_loop needs Linux 5.17 or newer"});
  }
  {
    auto p = failed_load(tracepoint("count_loops"), 22,
                         "0: R1=ctx(off=0,imm=0) R10=fp0\n4: (85) call unknown#181\n"
                         "invalid func unknown#181\n" +
                             std::string(kStats),
                         "libbpf: prog 'count_loops': failed to load: -22\n");
    p.helpers = {{181, "loop", std::nullopt}};
    cases.push_back({"unknown_helper_from_verifier_text", artifact("loop.bpf.o", {p}),
                     guest("5.15.0-126-generic"), "UNSUPPORTED_HELPER", Confidence::kMedium,
                     "invalid func unknown#181", "bpf_loop is not available",
                     "bpf_loop needs Linux 5.17"});
  }
  {
    auto p = failed_load(program("sock", "socket", 1, "socket_filter"), 22,
                         "0: R1=ctx() R10=fp0\n0: (85) call bpf_get_current_task_btf#158\n"
                         "unknown func bpf_get_current_task_btf#158\n" +
                             std::string(kStats),
                         "");
    p.helpers = {{158, "get_current_task_btf", false}};
    cases.push_back({"helper_not_allowed_for_type", artifact("sock.bpf.o", {p}),
                     guest("6.1.0-28-cloud-amd64"), "UNSUPPORTED_HELPER", Confidence::kHigh,
                     "unknown func bpf_get_current_task_btf#158",
                     "bpf_get_current_task_btf is not available to BPF_PROG_TYPE_SOCKET_FILTER",
                     "does not allow bpf_get_current_task_btf in BPF_PROG_TYPE_SOCKET_FILTER"});
  }
  {
    // 6.2+ wording; validators before the own helper probe reported the helper as supported.
    auto p = failed_load(program("kp", "kprobe/do_sys_openat2", 2, "kprobe"), 22,
                         "0: R1=ctx() R10=fp0\n0: (85) call bpf_skb_load_bytes#26\n"
                         "program of this type cannot use helper bpf_skb_load_bytes#26\n" +
                             std::string(kStats),
                         "");
    p.helpers = {{26, "skb_load_bytes", true}};
    cases.push_back({"helper_not_allowed_for_type_6_2_wording", artifact("kp.bpf.o", {p}),
                     guest("6.12.38+deb13-cloud-amd64"), "UNSUPPORTED_HELPER", Confidence::kMedium,
                     "program of this type cannot use helper bpf_skb_load_bytes#26",
                     "bpf_skb_load_bytes is not available",
                     "libbpf 1.4's libbpf_probe_bpf_helper() calls it supported on Linux 6.2+"});
  }
  {
    auto p = failed_load(tracepoint("iter"), 3, "",
                         "libbpf: extern (func ksym) 'bpf_iter_num_new': not found in kernel or "
                         "module BTFs\nlibbpf: failed to load object 'iter.bpf.o'\n");
    auto a = artifact("iter.bpf.o", {p});
    a.kfuncs = {{"bpf_iter_num_new", false}, {"bpf_iter_num_next", false}};
    cases.push_back({"kfunc_missing", a, guest("6.1.0-28-cloud-amd64"), "UNSUPPORTED_KFUNC",
                     Confidence::kHigh,
                     "libbpf: extern (func ksym) 'bpf_iter_num_new': not found in kernel or "
                     "module BTFs",
                     "kfunc bpf_iter_num_new is not available on Linux 6.1.0-28-cloud-amd64",
                     "bpf_ksym_exists(bpf_iter_num_new)"});
  }
  {
    auto p = failed_load(tracepoint("rcu"), 22,
                         "12: <invalid kfunc call>\nkfunc 'bpf_rcu_read_lock' is referenced but "
                         "wasn't resolved\n" +
                             std::string(kStats),
                         "");
    cases.push_back({"weak_kfunc_called", artifact("rcu.bpf.o", {p}), guest("6.1.0-28-cloud-amd64"),
                     "UNSUPPORTED_KFUNC", Confidence::kMedium,
                     "kfunc 'bpf_rcu_read_lock' is referenced but wasn't resolved",
                     "kfunc bpf_rcu_read_lock", "__weak"});
  }
  return cases;
}

}  // namespace bpfcompat::classify::testing
