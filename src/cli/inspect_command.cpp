// `inspect FILE [--json]`: what an object needs — programs, helpers, kfuncs, maps, CO-RE
// relocations, BTF, license — read on the host; nothing boots.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "bpfcompat/core/exit_codes.h"
#include "bpfcompat/inspect/artifact_check.h"
#include "bpfcompat/inspect/inspect_output.h"
#include "bpfcompat/inspect/object_facts.h"
#include "commands.h"
#include "logging.h"

namespace bpfcompat::cli {
namespace {

int inspect_object(const std::string& path, bool json) {
  if (auto file = inspect::check_artifact(path); !file) return report_error(file.error());
  auto facts = inspect::read_object(path);
  if (!facts) return report_error(facts.error());
  fmt::print("{}", json ? inspect::inspect_json(*facts) : inspect::inspect_text(*facts));
  return kExitOk;
}

}  // namespace

void add_inspect_command(CLI::App& app, Action& action) {
  auto path = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand(
      "inspect", "What a .bpf.o needs (helpers, kfuncs, maps, CO-RE, BTF), read without booting");
  cmd->footer(
      "Per program: section, type, attach target, sleepable, instruction count, helpers (GPL-only\n"
      "marked), kfuncs, subprograms, callbacks, tail calls, maps and global data used. Per map:\n"
      "type, key/value size, max_entries (0: sized at run time), flags, pinning, inner map. The\n"
      "CO-RE relocations by root type (guarded or not), BTF, BTF.ext and the license.\n"
      "Exit codes: 0 inspected, 64 not an eBPF object. Docs: docs/user-guide.md (inspect).");
  cmd->add_option("file", *path, "The eBPF object (.bpf.o)")->required();
  cmd->add_flag("--json", *json, "As JSON (docs/inspect-schema.json)");
  cmd->callback(
      [path, json, &action] { action = [path, json] { return inspect_object(*path, *json); }; });
}

}  // namespace bpfcompat::cli
