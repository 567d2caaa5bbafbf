// A file put into a guest: into the kernel lane's initramfs or copied into a cloud image over
// SFTP. One struct for both lanes.
#pragma once

#include <string>

namespace bpfcompat::vm {

struct GuestFile {
  std::string guest_path;  // absolute, e.g. /bpfcompat/a/0.o
  std::string host_path;   // the file to copy in
  unsigned mode = 0644;
};

}  // namespace bpfcompat::vm
