// Debian version ordering, as dpkg does it: epoch, then upstream version, then revision, each
// compared by alternating non-digit runs (letters before other characters, '~' before all, even
// the end) and numeric runs.
#pragma once

#include <string_view>

namespace bpfcompat::sources {

// <0, 0 or >0 as a sorts before, equal to or after b.
int compare_deb_versions(std::string_view a, std::string_view b);

// Whether `version` satisfies the Depends relation `op` ("<<", "<=", "=", ">=", ">>"; also the
// obsolete "<" and ">" meaning <= and >=). An empty op is always satisfied.
bool deb_version_satisfies(std::string_view version, std::string_view op, std::string_view wanted);

}  // namespace bpfcompat::sources
