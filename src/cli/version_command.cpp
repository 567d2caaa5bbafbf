#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "commands.h"

namespace bpfcompat::cli {

void add_version_command(CLI::App& app, Action& action) {
  auto json = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("version", "Print the version");
  cmd->add_flag("--json", *json, "As JSON");
  cmd->callback([json, &action] {
    action = [json] {
      if (*json) {
        fmt::print("{{\"name\":\"bpfcompat\",\"version\":\"{}\"}}\n", BPFCOMPAT_VERSION);
      } else {
        fmt::print("bpfcompat {}\n", BPFCOMPAT_VERSION);
      }
      return 0;
    };
  });
}

}  // namespace bpfcompat::cli
