// classify_boot: why a boot produced no complete result, read from the console log.
#include <cctype>
#include <string_view>

#include <fmt/format.h>

#include "bpfcompat/classify/verdict.h"
#include "load_rules.h"
#include "log_lines.h"

namespace bpfcompat::classify {
namespace {

// The first console line with marker at a word start ("BUG: " but not "DEBUG: "), case-sensitive.
std::string console_line(std::string_view console, std::string_view marker) {
  std::size_t pos = 0;
  while ((pos = console.find(marker, pos)) != std::string_view::npos) {
    bool word_start = pos == 0 || !std::isalnum(static_cast<unsigned char>(console[pos - 1]));
    if (word_start) {
      std::size_t begin = console.rfind('\n', pos);
      begin = begin == std::string_view::npos ? 0 : begin + 1;
      std::size_t end = console.find('\n', pos);
      std::string_view line =
          console.substr(begin, end == std::string_view::npos ? end : end - begin);
      while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) {
        line.remove_suffix(1);
      }
      return std::string(line);
    }
    pos += marker.size();
  }
  return "";
}

std::string first_oops(std::string_view console) {
  for (std::string_view marker : {"BUG: ", "Oops: ", "general protection fault"}) {
    std::string line = console_line(console, marker);
    if (!line.empty()) return line;
  }
  return "";
}

Verdict crash_verdict(const BootFacts& f, const char* code, const char* what,
                      std::string evidence) {
  bool during_case = !f.artifact_in_progress.empty();
  std::string reason =
      during_case ? fmt::format("the kernel {} while validating {}", what, f.artifact_in_progress)
                  : fmt::format("the kernel {} before the validator finished", what);
  std::string remediation =
      during_case
          ? fmt::format(
                "Loading or attaching {} crashes this kernel: a kernel bug the object "
                "triggers. Keep serial.log (it has the backtrace), report it to the "
                "distribution, and avoid the feature on this kernel.",
                f.artifact_in_progress)
          : "The kernel does not boot under QEMU with this configuration: read serial.log; check "
            "the profile's kernel_cmdline and modules.";
  return make_verdict(during_case ? Status::kFail : Status::kError, code, Confidence::kHigh,
                      std::move(reason), std::move(evidence), std::move(remediation));
}

}  // namespace

Verdict classify_boot(const BootFacts& f) {
  std::string panic = console_line(f.console_tail, "Kernel panic - not syncing");
  std::string oops = first_oops(f.console_tail);
  if (!panic.empty() && oops.empty() && panic.find("Attempted to kill init") != std::string::npos) {
    return make_verdict(
        Status::kError, "VALIDATOR_CRASHED", Confidence::kHigh,
        f.artifact_in_progress.empty()
            ? std::string("the validator (the guest's /init) exited or crashed")
            : fmt::format("the validator (the guest's /init) crashed while validating {}",
                          f.artifact_in_progress),
        panic,
        "A crash of the validator is not a kernel verdict: rerun with -v and report it with "
        "serial.log and the validator output from the evidence files.");
  }
  if (!panic.empty()) return crash_verdict(f, "KERNEL_PANIC", "panicked", panic);
  if (!oops.empty()) return crash_verdict(f, "KERNEL_OOPS", "oopsed", oops);
  std::string last = last_line(f.console_tail);
  if (f.cancelled) {
    return make_verdict(Status::kError, "INTERRUPTED", Confidence::kHigh,
                        "the run was interrupted before this target finished", last,
                        "Rerun the target to get a verdict.");
  }
  if (f.timed_out) {
    std::string where = f.artifact_in_progress.empty()
                            ? std::string()
                            : fmt::format(" (while validating {})", f.artifact_in_progress);
    return make_verdict(
        Status::kError, "BOOT_TIMEOUT", Confidence::kHigh,
        fmt::format("the guest did not finish within the timeout{}", where), last,
        "Raise --timeout (emulation without KVM is several times slower), and read serial.log "
        "for where the guest stopped.");
  }
  std::string how = f.qemu_signal != 0 ? fmt::format("QEMU was killed by signal {}", f.qemu_signal)
                                       : fmt::format("QEMU exited with code {}", f.qemu_exit_code);
  return make_verdict(
      Status::kError, "NO_RESULT", Confidence::kLow,
      fmt::format("the guest stopped without a complete validator result ({})", how), last,
      "Read serial.log and qemu.log in the evidence files; a boot that ends without a result "
      "is retried once.");
}

}  // namespace bpfcompat::classify
