// The KVM probe's guest: a 64 KiB firmware image that switches to long mode with paging, as a
// kernel does, touches 14 MiB of RAM and then makes QEMU exit through isa-debug-exit.
#pragma once

#include <string>

namespace bpfcompat::vm {

inline constexpr unsigned kProbeExitPort = 0xf4;
// QEMU's exit status when the firmware finished: isa-debug-exit gives (value << 1) | 1.
inline constexpr int kProbeGuestExitCode = 3;

// The image for `qemu -bios` (needs -device isa-debug-exit,iobase=0xf4,iosize=0x04).
std::string probe_firmware_image();

}  // namespace bpfcompat::vm
