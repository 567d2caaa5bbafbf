// The command-line entry point: parses argv, runs a subcommand, returns the process exit code.
#pragma once

namespace bpfcompat::cli {

int run(int argc, char** argv);

}  // namespace bpfcompat::cli
