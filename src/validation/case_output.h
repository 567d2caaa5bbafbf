// The case-plan fields of an `artifact` record (fixups, variant_disabled, functional, command),
// parsed by validator_output.cpp's record parser. Private to the validation module.
#pragma once

#include <nlohmann/json.hpp>

#include "bpfcompat/validation/validator_output.h"

namespace bpfcompat::validation {

// Fills fixups, variant_disabled, functional and command of `a` from record `j` (absent fields
// leave them empty).
void parse_case_fields(const nlohmann::json& j, ArtifactResult& a);

}  // namespace bpfcompat::validation
