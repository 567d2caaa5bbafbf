#include "kvm_probe.h"

#include <fcntl.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"
#include "bpfcompat/core/unique_fd.h"

namespace bpfcompat::vm {
namespace {

constexpr std::chrono::seconds kKvmDeadline{3};

constexpr std::size_t kMaxQuotedChars = 100;
// QEMU's raw output kept as evidence (and in the probe memo, read back with a 4 KiB limit).
constexpr std::size_t kMaxKeptOutput = 2048;

// The first non-empty line, without QEMU's "qemu-system-x86_64: " prefix, at most
// kMaxQuotedChars long.
std::string first_line(const std::string& text) {
  std::size_t start = text.find_first_not_of("\r\n \t");
  if (start == std::string::npos) return {};
  std::string line = text.substr(start, text.find_first_of("\r\n", start) - start);
  if (line.rfind("qemu-system-", 0) == 0) {
    auto colon = line.find(": ");
    if (colon != std::string::npos && line.find(' ') > colon) line.erase(0, colon + 2);
  }
  if (line.size() > kMaxQuotedChars) line = line.substr(0, kMaxQuotedChars - 3) + "...";
  return line;
}

std::string check_device(const std::string& dev_kvm) {
  UniqueFd fd(open(dev_kvm.c_str(), O_RDWR | O_CLOEXEC));
  if (fd) return {};
  int err = errno;
  if (err == ENOENT) return fmt::format("{} does not exist", dev_kvm);
  if (err == EACCES || err == EPERM) {
    return fmt::format("{} is not accessible ({}): add this user to the kvm group", dev_kvm,
                       strerror(err));
  }
  return fmt::format("cannot open {}: {}", dev_kvm, strerror(err));
}

}  // namespace

std::string describe_probe_failure(const ProbeRun& run) {
  std::string said = first_line(run.output);
  if (run.status.code == 127 && said.empty()) {
    return "qemu could not be executed (exit status 127: is it installed?)";
  }
  std::string what = run.status.signal != 0
                         ? fmt::format("qemu was killed by signal {} ({})", run.status.signal,
                                       strsignal(run.status.signal))
                         : fmt::format("qemu exited with status {}", run.status.code);
  if (!said.empty()) what += ": " + said;
  return what;
}

Result<ProbeRun> run_probe_guest(const std::string& qemu_binary,
                                 const std::vector<std::string>& accel_args,
                                 std::chrono::milliseconds deadline) {
  auto dir = TempDir::create("bpfcompat-kvm-probe");
  if (!dir) return std::move(dir).error();
  std::string firmware = dir->path() + "/probe.bin";
  if (auto w = write_file_atomic(firmware, probe_firmware_image()); !w) return std::move(w).error();
  std::vector<std::string> argv{qemu_binary};
  argv.insert(argv.end(), accel_args.begin(), accel_args.end());
  argv.insert(argv.end(), {"-M", "pc", "-m", "16", "-nodefaults", "-no-user-config", "-display",
                           "none", "-monitor", "none", "-bios", firmware, "-device",
                           fmt::format("isa-debug-exit,iobase={:#x},iosize=0x04", kProbeExitPort)});
  auto run = run_captured(argv, deadline);
  if (!run) return std::move(run).error();
  return ProbeRun{run->timed_out, run->status, run->output};
}

ProbeOutcome probe_kvm(const std::string& qemu_binary, const std::string& dev_kvm) {
  if (auto problem = check_device(dev_kvm); !problem.empty()) return {false, problem};
  auto run = run_probe_guest(qemu_binary, {"-accel", "kvm", "-cpu", "host"}, kKvmDeadline);
  if (!run) return {false, "cannot run the kvm probe: " + run.error().describe()};
  if (run->guest_ran()) return {true, fmt::format("{} works: a test guest ran under kvm", dev_kvm)};
  if (run->timed_out) {
    return {false,
            fmt::format("{} exists but a test guest did not finish in {} s", dev_kvm,
                        kKvmDeadline.count()),
            run->output.substr(0, kMaxKeptOutput)};
  }
  return {false,
          fmt::format("{} exists but a test guest failed under kvm: {}", dev_kvm,
                      describe_probe_failure(*run)),
          run->output.substr(0, kMaxKeptOutput)};
}

}  // namespace bpfcompat::vm
