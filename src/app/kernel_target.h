// One kernel-lane profile of a run: prepare the kernel, build the initramfs, boot (retrying a
// boot that ends without the end marker once), and judge every artifact from the one boot.
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/report/report.h"
#include "target_context.h"

namespace bpfcompat::app {

// One TargetReport per case, in case order. Never throws; failures become verdicts.
std::vector<report::TargetReport> run_kernel_target(const TargetContext& ctx);

// Modules every kernel-lane boot loads when the kernel has them as modules (tc/clsact).
const std::vector<std::string>& default_kernel_modules();

}  // namespace bpfcompat::app
