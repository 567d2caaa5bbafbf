// Load-failure rows decided by logs and errno: BTF, CO-RE, targets, limits, permissions.
#include "load_case.h"

namespace bpfcompat::classify::testing {

std::vector<LoadCase> log_load_cases() {
  std::vector<LoadCase> cases;
  {
    auto p = failed_load(
        program("handle", "tp_btf/sched_process_exec", 26, "tracing"), 22,
        "0: R1=ctx() R10=fp0\n; int handle(u64 *ctx) @ core.bpf.c:12\n0: (79) r1 = *(u64 *)(r1 "
        "+0)\n"
        "1: <invalid CO-RE relocation>\nfailed to resolve CO-RE relocation <byte_off> [82] struct "
        "task_struct.loginuid (0:123 @ offset 2616)\n" +
            std::string(kStats),
        "libbpf: prog 'handle': BPF program load failed: Invalid argument\n");
    cases.push_back({"core_field_missing", artifact("core.bpf.o", {p}),
                     guest("5.10.0-33-cloud-amd64"), "CORE_RELOCATION_FAILURE", Confidence::kHigh,
                     "failed to resolve CO-RE relocation <byte_off> [82] struct "
                     "task_struct.loginuid (0:123 @ offset 2616)",
                     "struct task_struct.loginuid", "bpf_core_field_exists()"});
  }
  {
    auto p = failed_load(
        tracepoint(), 22,
        "5: (85) call unknown#195896080\ninvalid func unknown#195896080\n" + std::string(kStats),
        "");
    cases.push_back({"core_poison_is_not_a_helper", artifact("core.bpf.o", {p}),
                     guest("5.10.0-33-cloud-amd64"), "CORE_RELOCATION_FAILURE", Confidence::kHigh,
                     "invalid func unknown#195896080", "CO-RE relocation failed",
                     "bpf_core_type_exists()"});
  }
  {
    auto p = failed_load(tracepoint(), 2, "",
                         "libbpf: extern (var ksym) 'bpf_prog_active': not found in kernel BTF\n");
    cases.push_back({"ksym_variable_missing", artifact("ksym.bpf.o", {p}),
                     guest("6.1.0-28-cloud-amd64"), "CORE_RELOCATION_FAILURE", Confidence::kMedium,
                     "libbpf: extern (var ksym) 'bpf_prog_active': not found in kernel BTF",
                     "bpf_prog_active", "bpf_ksym_exists(bpf_prog_active)"});
  }
  {
    auto p =
        failed_load(tracepoint(), 3, "",
                    "libbpf: kernel BTF is missing at '/sys/kernel/btf/vmlinux', was "
                    "CONFIG_DEBUG_INFO_BTF enabled?\nlibbpf: failed to find valid kernel BTF\n");
    cases.push_back({"no_kernel_btf", artifact("core.bpf.o", {p}),
                     guest("4.19.0-27-amd64", "none", false), "MISSING_BTF", Confidence::kHigh,
                     "libbpf: kernel BTF is missing at '/sys/kernel/btf/vmlinux', was "
                     "CONFIG_DEBUG_INFO_BTF enabled?",
                     "has no kernel BTF", "BTFHub"});
  }
  {
    // The fix names btfhub's archive and the profile's btf: field.
    auto p = failed_load(tracepoint(), 3, "", "libbpf: failed to find valid kernel BTF\n");
    cases.push_back({"no_kernel_btf_fix_names_btfhub_archive", artifact("core.bpf.o", {p}),
                     guest("4.14.355-275.570.amzn2.x86_64", "none", false), "MISSING_BTF",
                     Confidence::kHigh, "libbpf: failed to find valid kernel BTF",
                     "has no kernel BTF", "https://github.com/aquasecurity/btfhub-archive"});
    cases.push_back({"no_kernel_btf_fix_names_profile_field", artifact("core.bpf.o", {p}),
                     guest("4.18.0-80.el8.x86_64", "none", false), "MISSING_BTF", Confidence::kHigh,
                     "libbpf: failed to find valid kernel BTF", "has no kernel BTF",
                     "`btf: {path: FILE.btf}`"});
  }
  {
    // Hidden by the test knob: the reason says so.
    auto p = failed_load(tracepoint(), 3, "", "libbpf: failed to find valid kernel BTF\n");
    auto g = guest("6.1.0-41-cloud-amd64", "none", false);
    g.btf_hidden = true;
    cases.push_back({"hidden_kernel_btf", artifact("core.bpf.o", {p}), g, "MISSING_BTF",
                     Confidence::kHigh, "libbpf: failed to find valid kernel BTF",
                     "hidden by bpfcompat.hide_btf=1",
                     "hidden by the bpfcompat.hide_btf=1 test knob"});
  }
  {
    // External BTF was given, but fentry needs the kernel's own BTF: the fix says why btf: is
    // not enough.
    auto p = failed_load(program("entry", "fentry/do_unlinkat", 26, "tracing"), 3, "",
                         "libbpf: failed to find valid kernel BTF\n");
    auto g = guest("4.18.0-147.el8.x86_64", "none", false);
    g.btf_custom_path = "/bpfcompat/vmlinux.btf";
    cases.push_back({"external_btf_cannot_serve_fentry", artifact("fentry.bpf.o", {p}), g,
                     "MISSING_BTF", Confidence::kHigh, "libbpf: failed to find valid kernel BTF",
                     "beyond the CO-RE relocations", "serves CO-RE relocations only"});
  }
  {
    auto p =
        failed_load(program("unlinkat_entry", "fentry/do_unlinkat", 26, "tracing"), 3, "",
                    "libbpf: prog 'unlinkat_entry': failed to find kernel BTF type ID of "
                    "'do_unlinkat': -3\nlibbpf: prog 'unlinkat_entry': failed to prepare "
                    "load attributes: -3\nlibbpf: prog 'unlinkat_entry': failed to load: -3\n");
    cases.push_back({"fentry_target_renamed", artifact("unlink.bpf.o", {p}),
                     guest("7.2.0-1-cloud-amd64"), "ATTACH_TARGET_NOT_FOUND", Confidence::kHigh,
                     "libbpf: prog 'unlinkat_entry': failed to find kernel BTF type ID of "
                     "'do_unlinkat': -3",
                     "attach target do_unlinkat (section fentry/do_unlinkat)",
                     "bpf_program__set_attach_target()"});
  }
  {
    // libbpf-tools' btrfsdist: the loader retargets the placeholder before loading.
    auto p =
        failed_load(program("file_read_fentry", "fentry/dummy_file_read", 20, "tracing"), 3, "",
                    "libbpf: prog 'file_read_fentry': failed to find kernel BTF type ID of "
                    "'dummy_file_read': -3\nlibbpf: prog 'file_read_fentry': failed to load: "
                    "-3\n");
    cases.push_back({"fentry_placeholder_target", artifact("btrfsdist.bpf.o", {p}),
                     guest("6.1.0-28-cloud-amd64"), "ATTACH_TARGET_NOT_FOUND", Confidence::kMedium,
                     "libbpf: prog 'file_read_fentry': failed to find kernel BTF type ID of "
                     "'dummy_file_read': -3",
                     "dummy_file_read (section fentry/dummy_file_read) is a placeholder",
                     "test-command --bin LOADER"});
  }
  {
    auto p = failed_load(tracepoint("big"), 7,
                         "1023: (07) r1 += 1\nBPF program is too large. Processed 1000001 insn\n"
                         "processed 1000001 insns (limit 1000000) max_states_per_insn 4 "
                         "total_states 10387 peak_states 3091 mark_read 13\n",
                         "libbpf: prog 'big': BPF program load failed: Argument list too long\n");
    cases.push_back({"too_many_insns", artifact("big.bpf.o", {p}), guest("5.10.0-33-cloud-amd64"),
                     "VERIFIER_COMPLEXITY", Confidence::kHigh,
                     "BPF program is too large. Processed 1000001 insn",
                     "gave up after 1000001 instructions (limit 1000000)", "tail calls"});
  }
  {
    auto p = failed_load(tracepoint("jumpy"), 7,
                         "The sequence of 8193 jumps is too complex.\nprocessed 65543 insns (limit "
                         "1000000) max_states_per_insn 1 total_states 4096 peak_states 4096 "
                         "mark_read 2\n",
                         "");
    cases.push_back({"too_many_jumps", artifact("jumpy.bpf.o", {p}), guest("5.10.0-33-cloud-amd64"),
                     "VERIFIER_COMPLEXITY", Confidence::kHigh,
                     "The sequence of 8193 jumps is too complex.", "too complex", "bpf_loop()"});
  }
  {
    auto p = failed_load(tracepoint(), 1, "",
                         "libbpf: prog 'handle': BPF program load failed: Operation not permitted\n"
                         "libbpf: prog 'handle': failed to load: -1\n");
    cases.push_back({"lockdown_confidentiality", artifact("x.bpf.o", {p}),
                     guest("6.1.0-28-amd64", "confidentiality"), "POLICY_DENIED", Confidence::kHigh,
                     "libbpf: prog 'handle': BPF program load failed: Operation not permitted",
                     "kernel lockdown (confidentiality)", "Secure Boot"});
    cases.push_back({"eperm_without_lockdown", artifact("x.bpf.o", {p}), guest("6.1.0-28-amd64"),
                     "CAPABILITY_FAILURE", Confidence::kMedium,
                     "libbpf: prog 'handle': BPF program load failed: Operation not permitted",
                     "refused the load with EPERM", "CAP_BPF"});
  }
  {
    auto p =
        failed_load(program("connect_unix", "cgroup/connect_unix", 18, "cgroup_sock_addr"), 22, "",
                    "libbpf: prog 'connect_unix': BPF program load failed: Invalid argument\n"
                    "libbpf: prog 'connect_unix': failed to load: -22\n");
    p.expected_attach_type = 53;
    p.attach_type_name = "cgroup_unix_connect";
    cases.push_back({"attach_type_unknown_at_load", artifact("unix.bpf.o", {p}),
                     guest("6.1.0-28-cloud-amd64"), "UNSUPPORTED_ATTACH_TYPE", Confidence::kHigh,
                     "libbpf: prog 'connect_unix': BPF program load failed: Invalid argument",
                     "rejected attach type cgroup_unix_connect",
                     "AF_UNIX cgroup socket-address hooks needs Linux 6.7"});
  }
  {
    auto p = failed_load(tracepoint(), 13,
                         "4: (b7) r0 = 0\n5: (61) r3 = *(u32 *)(r2 +0)\nR2 invalid mem access "
                         "'scalar'\n" +
                             std::string(kStats),
                         "libbpf: prog 'handle': BPF program load failed: Permission denied\n");
    cases.push_back({"verifier_rejects_with_eacces", artifact("x.bpf.o", {p}),
                     guest("5.10.0-33-cloud-amd64"), "VERIFIER_REJECTION", Confidence::kMedium,
                     "R2 invalid mem access 'scalar'",
                     "the verifier of Linux 5.10.0-33-cloud-amd64", "bounds checks"});
  }
  {
    auto p = failed_load(tracepoint(), 13,
                         "4: (b7) r0 = 0\n5: (61) r3 = *(u32 *)(r2 +0)\nR2 invalid mem access "
                         "'scalar'\n" +
                             std::string(kStats),
                         "");
    auto a = artifact("weak.bpf.o", {p});
    a.kfuncs = {{"bpf_iter_task_vma_new", false}};  // __weak and unused on this path
    cases.push_back({"unmentioned_weak_kfunc_is_not_blamed", a, guest("6.1.0-28-cloud-amd64"),
                     "VERIFIER_REJECTION", Confidence::kMedium, "R2 invalid mem access 'scalar'",
                     "rejected the program", "bounds checks"});
    p.load.verifier_tail.clear();
    p.load.err = 22;
    a = artifact("weak.bpf.o", {p});
    a.kfuncs = {{"bpf_iter_task_vma_new", false}};
    cases.push_back({"missing_kfunc_without_other_explanation", a, guest("6.1.0-28-cloud-amd64"),
                     "UNSUPPORTED_KFUNC", Confidence::kMedium, "load failed: EINVAL",
                     "kfunc bpf_iter_task_vma_new", "bpf_ksym_exists"});
  }
  {
    auto p =
        failed_load(tracepoint(), 12, "",
                    "libbpf: prog 'handle': BPF program load failed: Cannot allocate memory\n");
    cases.push_back({"nothing_matches", artifact("x.bpf.o", {p}), guest("6.1.0-28-cloud-amd64"),
                     "UNKNOWN", Confidence::kLow,
                     "libbpf: prog 'handle': BPF program load failed: Cannot allocate memory",
                     "loading failed with ENOMEM", "libbpf's log"});
  }
  {
    auto p = failed_load(program("on_unlink", "fentry/do_unlinkat", 26, "tracing"), 1, "",
                         "libbpf: permission error while running as root; try raising 'ulimit "
                         "-l'? current value: 8.0 MiB\nlibbpf: prog 'on_unlink': failed to load: "
                         "-1\n");
    p.prog_type_supported = false;  // the probe was denied as well
    cases.push_back({"eperm_outranks_failed_probes", artifact("fentry.bpf.o", {p}),
                     guest("6.1.0-28-amd64"), "CAPABILITY_FAILURE", Confidence::kMedium,
                     "libbpf: permission error while running as root; try raising 'ulimit -l'? "
                     "current value: 8.0 MiB",
                     "refused the load with EPERM", "RLIMIT_MEMLOCK"});
  }
  return cases;
}

}  // namespace bpfcompat::classify::testing
