// The process exit codes of bpfcompat: the CI contract (docs/exit-codes.md).
#pragma once

namespace bpfcompat {

enum ExitCode : int {
  kExitOk = 0,              // every required target compatible
  kExitInfrastructure = 1,  // a required target could not be judged, or an internal error
  kExitIncompatible = 2,    // a required target is incompatible (outranks 1)
  kExitStale = 3,   // --fail-on-stale: a required profile is pinned to an old build (all else 0)
  kExitUsage = 64,  // invalid usage or input
  kExitInterrupted = 130,  // SIGINT/SIGTERM
};

}  // namespace bpfcompat
