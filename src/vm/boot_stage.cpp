#include "bpfcompat/vm/boot_stage.h"

#include <array>
#include <utility>

namespace bpfcompat::vm {
namespace {

struct Marker {
  BootStage stage;
  const char* text;
};

// Console markers of each stage, latest stage first.
constexpr std::array<Marker, 12> kMarkers = {{
    {BootStage::kSshd, "Started ssh.service"},
    {BootStage::kSshd, "Started ssh"},
    {BootStage::kSshd, "Started sshd"},
    {BootStage::kSshd, "OpenSSH"},
    {BootStage::kCloudInit, "cloud-init"},
    {BootStage::kInit, "systemd[1]"},
    {BootStage::kInit, "Run /init"},
    {BootStage::kInit, "Welcome to "},
    {BootStage::kKernel, "Linux version"},
    {BootStage::kFirmware, "Booting `"},
    {BootStage::kFirmware, "SeaBIOS"},
    {BootStage::kFirmware, "GRUB"},
}};

}  // namespace

BootStage last_boot_stage(const std::string& console) {
  for (const auto& m : kMarkers) {
    if (console.find(m.text) != std::string::npos) return m.stage;
  }
  return BootStage::kNothing;
}

const char* boot_stage_name(BootStage stage) {
  switch (stage) {
    case BootStage::kNothing:
      return "nothing";
    case BootStage::kFirmware:
      return "firmware";
    case BootStage::kKernel:
      return "kernel";
    case BootStage::kInit:
      return "init";
    case BootStage::kCloudInit:
      return "cloud-init";
    case BootStage::kSshd:
      return "sshd";
  }
  return "nothing";
}

std::string boot_stage_explanation(BootStage stage) {
  switch (stage) {
    case BootStage::kNothing:
      return "the console stayed empty: QEMU or the firmware did not start, or the image "
             "does not log to the serial console (console=ttyS0)";
    case BootStage::kFirmware:
      return "the firmware/bootloader ran but no kernel started: is the image bootable "
             "(BIOS), or does it need 'boot: {kernel, initrd, cmdline}'?";
    case BootStage::kKernel:
      return "the kernel started but init did not: root file system not found (cmdline "
             "root=, missing virtio drivers in the initrd?)";
    case BootStage::kInit:
      return "init ran but cloud-init did not: is cloud-init installed and the NoCloud "
             "datasource enabled?";
    case BootStage::kCloudInit:
      return "cloud-init ran but sshd never answered: a slow first boot (raise the "
             "timeout) or cloud-init failed (see the console)";
    case BootStage::kSshd:
      return "sshd started but did not accept our login in time: a slow first boot "
             "(raise the timeout) or the user/key was not set up (see the console)";
  }
  return {};
}

bool console_shows_crash(const std::string& console) {
  for (const char* mark : {"Kernel panic - not syncing", "Oops: ", "BUG: "}) {
    if (console.find(mark) != std::string::npos) return true;
  }
  return false;
}

}  // namespace bpfcompat::vm
