// Builds the kernel lane's initramfs (newc cpio, uncompressed: it boots faster under TCG than
// gzip) with libarchive: the validator as /init, its argument file, artifacts, kernel modules.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/core/result.h"
#include "bpfcompat/vm/guest_file.h"

namespace bpfcompat::vm {

struct InitramfsSpec {
  std::string validator;          // host path of the static validator → /init (0755)
  std::vector<std::string> args;  // → /etc/bpfcompat/args, one per line
  std::vector<GuestFile> files;   // parent directories are created as needed
};

// Writes atomically to out_path. Errors name the file that could not be read.
Result<void> build_initramfs(const InitramfsSpec& spec, const std::string& out_path);

}  // namespace bpfcompat::vm
