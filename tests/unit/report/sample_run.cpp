#include "sample_run.h"

#include <utility>

namespace bpfcompat::report::testing {
namespace {

using classify::Confidence;
using classify::Status;
using classify::Verdict;

Verdict verdict(Status status, std::string code, std::string reason, std::string evidence = "",
                std::string remediation = "", Confidence c = Confidence::kHigh) {
  Verdict v;
  v.status = status;
  v.code = std::move(code);
  v.confidence = c;
  v.reason = std::move(reason);
  v.evidence = std::move(evidence);
  v.remediation = std::move(remediation);
  return v;
}

TargetReport base(std::string profile, std::string artifact, bool required, std::string kernel,
                  std::string requested) {
  TargetReport t;
  t.profile_id = std::move(profile);
  t.artifact = std::move(artifact);
  t.required = required;
  t.lane = "kernel";
  t.requested_kernel = std::move(requested);
  t.observed_kernel = std::move(kernel);
  t.accelerator = "tcg";
  t.mode = "load_attach";
  t.btf_vmlinux = !t.observed_kernel.empty();
  if (!t.requested_kernel.empty()) {  // the built-in Debian profile's identity, as prepared
    t.distro = "debian";
    t.distro_version = t.profile_id.substr(t.profile_id.find('-') + 1);
    t.kernel_release = t.observed_kernel.empty() ? "6.17.8+deb14-cloud-amd64" : t.observed_kernel;
    t.kernel_package = "linux-image-" + t.kernel_release;
    t.kernel_package_version = t.requested_kernel.substr(t.requested_kernel.rfind(' ') + 1);
  }
  t.evidence.dir = "/work/runs/r1/targets/" + t.profile_id;
  t.evidence.serial_log = t.evidence.dir + "/serial.log";
  t.evidence.qemu_log = t.evidence.dir + "/qemu.log";
  t.evidence.validator_output = t.evidence.dir + "/validator.jsonl";
  t.evidence.qemu_cmdline = t.evidence.dir + "/qemu-cmdline.txt";
  return t;
}

ProgramReport prog(std::string name, std::string section, Verdict v, bool load_ok,
                   std::string attach_status) {
  ProgramReport p;
  p.name = std::move(name);
  p.section = std::move(section);
  p.type = "tracepoint";
  p.verdict = std::move(v);
  p.load.ok = load_ok;
  p.load.insns_processed = load_ok ? 9 : -1;
  p.attach.status = std::move(attach_status);
  p.attach.method = p.attach.status == "ok" ? "auto" : "none";
  return p;
}

const char* const kD11 = "apt bullseye/linux-image-cloud-amd64 5.10.226-1";
const char* const kD12 = "apt bookworm/linux-image-cloud-amd64 6.1.119-1";
const char* const kSid = "apt sid/linux-image-cloud-amd64 6.17.8-1";
const char* const kSkipReason = "needs an outside target: freplace of another BPF program";

TargetReport loop_on_debian11() {
  TargetReport t = base("debian-11", "loop.bpf.o", true, "5.10.0-33-cloud-amd64", kD11);
  t.verdict = verdict(Status::kFail, "UNSUPPORTED_HELPER",
                      "program 'count_loops': bpf_loop is not available to "
                      "BPF_PROG_TYPE_TRACEPOINT programs on Linux 5.10.0-33-cloud-amd64",
                      "number of funcs in func_info doesn't match number of subprogs",
                      "bpf_loop needs Linux 5.17 or newer. Ship a variant for older kernels that "
                      "uses a loop with a constant bound (verified since 5.3) instead, chosen at "
                      "load time with libbpf_probe_bpf_helper(BPF_PROG_TYPE_TRACEPOINT, "
                      "BPF_FUNC_loop).");
  ProgramReport loops =
      prog("count_loops", "tp/syscalls/sys_enter_getpid", t.verdict, false, "not_run");
  loops.verdict.reason =
      "bpf_loop is not available to BPF_PROG_TYPE_TRACEPOINT programs on Linux "
      "5.10.0-33-cloud-amd64";
  loops.load.err = 22;
  loops.load.verifier_tail = "number of funcs in func_info doesn't match number of subprogs\n";
  loops.load.libbpf_tail =
      "libbpf: prog 'count_loops': BPF program load failed: Invalid argument\n"
      "libbpf: prog 'count_loops': failed to load: -22\n";
  loops.unsupported_helpers = {"loop"};  // as the validator names helpers
  ProgramReport exec =
      prog("handle_exec", "tp/sched/sched_process_exec",
           verdict(Status::kSkipped, "",
                   "not attached: the object did not load because program 'count_loops' failed"),
           true, "not_run");
  t.programs = {loops, exec};
  t.duration_ms = 5012;
  t.stages = {1204, 310, 1702, 612, 5012};
  return t;
}

TargetReport loop_on_debian12() {
  TargetReport t = base("debian-12", "loop.bpf.o", true, "6.1.0-28-cloud-amd64", kD12);
  t.verdict = verdict(Status::kPass, "", "2 of 2 programs loaded and attached");
  t.programs = {prog("count_loops", "tp/syscalls/sys_enter_getpid", Verdict{}, true, "ok"),
                prog("handle_exec", "tp/sched/sched_process_exec", Verdict{}, true, "ok")};
  t.duration_ms = 6431;
  t.stages = {1580, 322, 1834, 2695, 6431};
  return t;
}

TargetReport freplace_on(std::string profile, std::string kernel, std::string requested) {
  TargetReport t =
      base(std::move(profile), "freplace.bpf.o", true, std::move(kernel), std::move(requested));
  t.verdict = verdict(Status::kSkipped, "",
                      std::string("all programs were skipped; program 'handler': ") + kSkipReason);
  ProgramReport p = prog("handler", "freplace/handler", verdict(Status::kSkipped, "", kSkipReason),
                         true, "skipped");
  p.type = "ext";
  p.attach.reason = kSkipReason;
  t.programs = {p};
  t.duration_ms = t.profile_id == "debian-11" ? 5012 : 6431;  // shares its boot with loop.bpf.o
  return t;
}

TargetReport sid_timeout(std::string artifact) {
  TargetReport t = base("debian-unstable", std::move(artifact), false, "", kSid);
  t.verdict = verdict(Status::kError, "BOOT_TIMEOUT", "the guest did not finish within the timeout",
                      "[    2.611742] Run /init as init process",
                      "Raise --timeout (emulation without KVM is several times slower), and read "
                      "serial.log for where the guest stopped.");
  t.attempts = 2;
  t.retry_reason = "no end record after the first boot";
  t.console_tail =
      "[    2.598101] Freeing unused kernel image (initmem) memory: 3412K\n"
      "[    2.611742] Run /init as init process\n";
  t.duration_ms = 240000;
  t.stages = {2100, 350, 0, 0, 240000};
  return t;
}

}  // namespace

TargetReport target(std::string profile, bool required, Status status, std::string code) {
  TargetReport t = base(std::move(profile), "x.bpf.o", required, "6.1.0-28-cloud-amd64", "");
  t.verdict = verdict(status, std::move(code), "");
  return t;
}

RunReport sample_run() {
  RunReport r;
  r.run_id = "20250114T093000Z-4f2a";
  r.started_at = "2025-01-14T09:30:00Z";
  r.finished_at = "2025-01-14T09:34:12Z";
  r.tool_version = "0.1.0";
  r.matrix_name = "default";
  r.mode = "load_attach";
  r.run_dir = "/work/runs/r1";
  r.artifacts = {{"loop.bpf.o", "/src/build/loop.bpf.o",
                  "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
                 {"freplace.bpf.o", "/src/build/freplace.bpf.o",
                  "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"}};
  r.cases = {{"loop.bpf.o", "loop.bpf.o", "", "default", "load_attach", "", 0, "", ""},
             {"freplace.bpf.o", "freplace.bpf.o", "", "default", "load_attach", "", 0, "", ""}};
  r.validator_version = "0.1.0";
  r.validator_sha256 = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
  r.targets = {loop_on_debian11(),
               loop_on_debian12(),
               sid_timeout("loop.bpf.o"),
               freplace_on("debian-11", "5.10.0-33-cloud-amd64", kD11),
               freplace_on("debian-12", "6.1.0-28-cloud-amd64", kD12),
               sid_timeout("freplace.bpf.o")};
  return r;
}

}  // namespace bpfcompat::report::testing
