// Progress as an event stream: the orchestrator never prints; the CLI (live view or CI lines),
// the logs and tests consume these.
#pragma once

#include <string>

namespace bpfcompat::app {

enum class EventKind {
  kRunStarted,   // message: run directory
  kAccelerator,  // message: chosen accelerator and why
  kPreparing,    // resolving/downloading the kernel
  kPrepared,     // message: kernel release and package
  kBooting,      // message: attempt
  kRetrying,     // message: why the first boot is retried
  kTargetDone,   // message: verdict summary
  kWarning,
  kSweepStep,  // bpfcompat sweep: the candidates a step boots, then each one's verdict
};

struct Event {
  EventKind kind;
  std::string profile_id;  // empty for run-level events
  std::string message;
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  // Called from worker threads; implementations must be thread-safe.
  virtual void on_event(const Event& event) = 0;
};

}  // namespace bpfcompat::app
