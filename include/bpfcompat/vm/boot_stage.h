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

}  // namespace bpfcompat::vm
