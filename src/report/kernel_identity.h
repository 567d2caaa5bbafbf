// How the outputs name the vendor kernel of a target: "AlmaLinux 9 · 5.14.0-427.13.1.el9_4.x86_64"
// or "Debian 12 · 6.1.0-28-cloud-amd64 (6.1.119-1)", from the report's typed identity fields.
#pragma once

#include <string>

#include "bpfcompat/report/report.h"

namespace bpfcompat::report {

// "AlmaLinux 9", "Amazon Linux 2023", "Ubuntu 22.04"; a distro we do not know keeps its spelling;
// "" without a distro.
std::string distro_label(const std::string& distro, const std::string& version);
// The distro label, then the kernel release (uname -r in the guest, else the package's) with the
// package version in parentheses when the release does not already carry it; "" when none is
// known.
std::string identity_label(const TargetReport& t);

}  // namespace bpfcompat::report
