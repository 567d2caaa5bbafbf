// Findings about an object that make any boot pointless (no programs, no BTF, untyped sections,
// legacy maps, libbpf refusing it), reported before anything boots.
#pragma once

#include <set>
#include <string>

#include "bpfcompat/core/result.h"
#include "bpfcompat/inspect/object_facts.h"

namespace bpfcompat::inspect {

struct InputRules {
  // Programs (names or sections) the manifest's program_types gives a type to.
  std::set<std::string> typed_programs;
};

// One kInvalidInput error naming facts.path, with every finding in its message and the fix for
// each in its hint; success when there is nothing to say.
Result<void> check_input(const ObjectFacts& facts, const InputRules& rules);

}  // namespace bpfcompat::inspect
