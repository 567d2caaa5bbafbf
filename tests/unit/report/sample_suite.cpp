// sample_suite(): four Debian kernels × three cases, as `bpfcompat suite` reports them.
#include <utility>

#include "sample_run.h"

namespace bpfcompat::report::testing {
namespace {

using classify::Confidence;
using classify::Status;

struct Kernel {
  const char* profile;
  const char* observed;
  const char* requested;
  bool required;
  long boot_ms;
};

const Kernel kKernels[] = {
    {"debian-11", "5.10.0-33-cloud-amd64", "apt bullseye/linux-image-cloud-amd64 5.10.226-1", true,
     1702},
    {"debian-12", "6.1.0-28-cloud-amd64", "apt bookworm/linux-image-cloud-amd64 6.1.119-1", true,
     1834},
    {"debian-13", "6.12.57+deb13-cloud-amd64", "apt trixie/linux-image-cloud-amd64 6.12.57-1", true,
     2210},
    {"debian-unstable", "", "apt sid/linux-image-cloud-amd64 6.17.8-1", false, 0},
};

ProgramReport program(std::string name, std::string section, std::string type, bool ok) {
  ProgramReport p;
  p.name = std::move(name);
  p.section = std::move(section);
  p.type = std::move(type);
  p.load.ok = ok;
  p.load.insns_processed = ok ? 214 : -1;
  p.attach.status = ok ? "ok" : "not_run";
  p.attach.method = ok ? "auto" : "";
  return p;
}

TargetReport base(const Kernel& k, const std::string& case_name, const std::string& mode) {
  TargetReport t;
  t.profile_id = k.profile;
  t.artifact = case_name;
  t.required = k.required;
  t.lane = "kernel";
  t.requested_kernel = k.requested;
  t.observed_kernel = k.observed;
  t.accelerator = "tcg";
  t.btf_vmlinux = true;
  t.mode = mode;
  t.evidence.dir = std::string("/work/runs/s1/targets/") + k.profile;
  t.evidence.serial_log = t.evidence.dir + "/serial.log";
  t.evidence.qemu_log = t.evidence.dir + "/qemu.log";
  t.evidence.validator_output = t.evidence.dir + "/validator.jsonl";
  t.evidence.qemu_cmdline = t.evidence.dir + "/qemu-cmdline.txt";
  t.stages = {1300, 320, k.boot_ms, 2400, 5100 + k.boot_ms};
  t.duration_ms = t.stages.total_ms;
  t.verdict.reason = "all programs loaded and attached";
  return t;
}

TargetReport timed_out(const Kernel& k, const std::string& case_name, const std::string& mode) {
  TargetReport t = base(k, case_name, mode);
  t.btf_vmlinux = false;
  t.verdict = {Status::kError,
               "BOOT_TIMEOUT",
               Confidence::kHigh,
               "the guest did not finish within the timeout",
               "[    2.611742] Run /init as init process",
               "Raise --timeout (emulation without KVM is several times slower), and read "
               "serial.log for where the guest stopped."};
  t.attempts = 2;
  t.retry_reason = "no end record after the first boot";
  t.console_tail = "[    2.611742] Run /init as init process\n";
  t.stages = {2100, 350, 0, 0, 240000};
  t.duration_ms = 240000;
  return t;
}

TargetReport exec_ringbuf(const Kernel& k) {
  TargetReport t = base(k, "exec-ringbuf", "load_attach");
  t.programs = {program("handle_exec", "tp/sched/sched_process_exec", "tracepoint", true)};
  t.fixups = {{"map", "events", true, "max_entries 0 → 262144 (ring buffer size)"}};
  return t;
}

TargetReport loop_counter(const Kernel& k) {
  TargetReport t = base(k, "loop-counter", "load_attach");
  ProgramReport p = program("count_loops", "tp/syscalls/sys_enter_getpid", "tracepoint", true);
  if (std::string(k.profile) == "debian-11") {
    t.verdict = {Status::kFail,
                 "UNSUPPORTED_HELPER",
                 Confidence::kHigh,
                 "program 'count_loops': bpf_loop is not available to BPF_PROG_TYPE_TRACEPOINT "
                 "programs on Linux 5.10.0-33-cloud-amd64",
                 "number of funcs in func_info doesn't match number of subprogs",
                 "bpf_loop needs Linux 5.17 or newer. Ship a variant with a bounded loop for "
                 "older kernels, chosen with libbpf_probe_bpf_helper(BPF_PROG_TYPE_TRACEPOINT, "
                 "BPF_FUNC_loop)."};
    p = program("count_loops", "tp/syscalls/sys_enter_getpid", "tracepoint", false);
    p.verdict = t.verdict;
    p.load.err = 22;
    p.load.verifier_tail = "number of funcs in func_info doesn't match number of subprogs\n";
    p.load.libbpf_tail = "libbpf: prog 'count_loops': failed to load: -22\n";
    p.unsupported_helpers = {"loop"};
  }
  t.programs = {p};
  return t;
}

TargetReport exec_behavior(const Kernel& k) {
  TargetReport t = base(k, "exec-behavior", "behavior");
  t.programs = {program("handle_exec", "tp/sched/sched_process_exec", "tracepoint", true)};
  validation::TestRun run;
  run.name = "exec-behavior-behavior";
  run.status = "pass";
  run.exit_code = 0;
  run.duration_ms = 412;
  run.stdout_tail = "saw-execve pid=97 comm=true\n";
  if (std::string(k.profile) == "debian-11") {
    run.status = "fail";
    run.exit_code = 1;
    run.stdout_tail = "waiting for events...\n";
    run.stderr_tail = "timeout: no event within 5s\n";
    run.error = "exit 1, expected 0; stdout lacks 'saw-execve'";
    t.verdict = {Status::kFail,
                 "FUNCTIONAL_TEST_FAILURE",
                 Confidence::kHigh,
                 "functional test 'exec-behavior-behavior' failed: exit 1, expected 0",
                 "timeout: no event within 5s",
                 "Run the smoke command by hand on this kernel (see the stdout and stderr tails) "
                 "and check that the program sees the event it waits for."};
  }
  t.functional = validation::FunctionalResult{run.status, {run}};
  return t;
}

}  // namespace

RunReport sample_suite() {
  RunReport r;
  r.run_id = "20261121T081500Z-9c1e";
  r.started_at = "2026-11-21T08:15:00Z";
  r.finished_at = "2026-11-21T08:19:41Z";
  r.tool_version = "0.2.0";
  r.matrix_name = "default";
  r.mode = "load_attach";
  r.run_dir = "/work/runs/s1";
  r.suite_name = "agent-probes";
  r.suite_path = "suites/agent-probes.yaml";
  r.artifacts = {{"exec_ringbuf.bpf.o", "build/exec_ringbuf.bpf.o",
                  "4b227777d4dd1fc61c6f884f48641d02b4d121d3fd328cb08b5531fcacdabf8a"},
                 {"loop.bpf.o", "build/loop.bpf.o",
                  "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}};
  r.cases = {
      {"exec-ringbuf", "exec_ringbuf.bpf.o", "manifests/exec.yaml", "default", "load_attach", "", 0,
       "", ""},
      {"loop-counter", "loop.bpf.o", "", "default", "load_attach", "", 0, "", ""},
      {"exec-behavior", "exec_ringbuf.bpf.o", "manifests/exec.yaml", "default", "behavior", "", 0,
       "", ""},
  };
  r.validator_version = "0.2.0";
  r.validator_sha256 = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
  for (const Kernel& k : kKernels) {
    if (k.observed[0] == '\0') {
      for (const auto& c : r.cases) r.targets.push_back(timed_out(k, c.name, c.mode));
      continue;
    }
    r.targets.push_back(exec_ringbuf(k));
    r.targets.push_back(loop_counter(k));
    r.targets.push_back(exec_behavior(k));
  }
  return r;
}

}  // namespace bpfcompat::report::testing
