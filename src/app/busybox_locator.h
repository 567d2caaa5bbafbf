// Finds a statically linked busybox for the kernel lane's /bin/sh (behavior and command cases).
#pragma once

#include <string>

#include "bpfcompat/core/result.h"

namespace bpfcompat::app {

// Order: $BPFCOMPAT_BUSYBOX, then `busybox` in /usr/bin, /bin, /usr/sbin, /sbin (Debian's
// busybox-static installs /bin/busybox). Must be statically linked. kInfrastructure error
// naming the fix when none is found.
Result<std::string> locate_busybox();

}  // namespace bpfcompat::app
