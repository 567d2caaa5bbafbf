// Test support: run the built bpfcompat binary and capture its exit code and output.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "bpfcompat/core/subprocess.h"

namespace bpfcompat::testing {

struct CliRun {
  int exit_code = -1;
  std::string output;  // stdout + stderr
};

inline CliRun run_bpfcompat(std::vector<std::string> args,
                            std::chrono::milliseconds timeout = std::chrono::minutes(2)) {
  args.insert(args.begin(), BPFCOMPAT_BIN);
  auto run = run_captured(args, timeout);
  if (!run) return {-1, run.error().describe()};
  return {run->status.code, run->output};
}

}  // namespace bpfcompat::testing
