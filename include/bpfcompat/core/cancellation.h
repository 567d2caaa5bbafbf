// Process-wide cancellation: SIGINT/SIGTERM set a flag that every wait loop checks.
#pragma once

namespace bpfcompat {

// Installs SIGINT/SIGTERM handlers that request cancellation (a second signal exits at once).
void install_cancellation_handlers();
bool cancelled();
// The signal that cancelled the run, 0 if none.
int cancel_signal();
// For tests.
void request_cancellation(int signal);
void reset_cancellation();

}  // namespace bpfcompat
