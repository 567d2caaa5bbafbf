#include "progress.h"

#include <fmt/format.h>

namespace bpfcompat::cli {

ProgressPrinter::ProgressPrinter(int verbosity)
    : verbosity_(verbosity), start_(std::chrono::steady_clock::now()) {}

void ProgressPrinter::on_event(const app::Event& event) {
  if (verbosity_ < 0 && event.kind != app::EventKind::kWarning) return;
  const char* what = "";
  switch (event.kind) {
    case app::EventKind::kRunStarted:
      what = "run";
      break;
    case app::EventKind::kAccelerator:
      what = "accelerator";
      break;
    case app::EventKind::kPreparing:
      what = "prepare";
      break;
    case app::EventKind::kPrepared:
      what = "ready";
      break;
    case app::EventKind::kBooting:
      what = "boot";
      break;
    case app::EventKind::kRetrying:
      what = "retry";
      break;
    case app::EventKind::kTargetDone:
      what = "done";
      break;
    case app::EventKind::kWarning:
      what = "warning";
      break;
    case app::EventKind::kSweepStep:
      what = "sweep";
      break;
  }
  double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::lock_guard lock(mu_);
  if (event.profile_id.empty()) {
    fmt::print(stderr, "[{:6.1f}s] {}: {}\n", t, what, event.message);
  } else {
    fmt::print(stderr, "[{:6.1f}s] {:<16} {}: {}\n", t, event.profile_id, what, event.message);
  }
}

}  // namespace bpfcompat::cli
