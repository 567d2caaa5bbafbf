// Boot-stage triage for a guest that never answered: the last stage its console shows reached
// (firmware → kernel → init → cloud-init → sshd). Pure.
#pragma once

#include <string>

namespace bpfcompat::vm {

enum class BootStage { kNothing, kFirmware, kKernel, kInit, kCloudInit, kSshd };

BootStage last_boot_stage(const std::string& console);
const char* boot_stage_name(BootStage stage);  // "firmware", "kernel", ...
// One sentence for a report: where the boot stopped and what that suggests.
std::string boot_stage_explanation(BootStage stage);

// True when the console shows a kernel panic, oops or BUG: the guest's kernel crashed (the
// classify module decides what that means for the verdict).
bool console_shows_crash(const std::string& console);

}  // namespace bpfcompat::vm
