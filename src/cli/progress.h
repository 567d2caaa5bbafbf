// Prints orchestrator events to stderr, one line per state change (readable in CI logs).
#pragma once

#include <chrono>
#include <mutex>

#include "bpfcompat/app/events.h"

namespace bpfcompat::cli {

class ProgressPrinter : public app::EventSink {
 public:
  explicit ProgressPrinter(int verbosity);
  void on_event(const app::Event& event) override;

 private:
  int verbosity_;
  std::mutex mu_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace bpfcompat::cli
