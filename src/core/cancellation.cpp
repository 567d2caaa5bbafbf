#include "bpfcompat/core/cancellation.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>

namespace bpfcompat {
namespace {

std::atomic<int> g_signal{0};

void on_signal(int sig) {
  if (g_signal.exchange(sig) != 0) _exit(130);  // second Ctrl-C: leave now
}

}  // namespace

void install_cancellation_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

bool cancelled() {
  return g_signal.load(std::memory_order_relaxed) != 0;
}
int cancel_signal() {
  return g_signal.load();
}
void request_cancellation(int signal) {
  g_signal.store(signal);
}
void reset_cancellation() {
  g_signal.store(0);
}

}  // namespace bpfcompat
