// `bpfcompat inspect`'s two forms of an object's facts: JSON (docs/inspect-schema.json) and text.
#pragma once

#include <string>

#include "bpfcompat/inspect/object_facts.h"

namespace bpfcompat::inspect {

// The JSON document, pretty-printed, with a trailing newline. Pure.
std::string inspect_json(const ObjectFacts& facts);

// The readable form: the object, each program, each map, CO-RE relocations by root type. Pure.
std::string inspect_text(const ObjectFacts& facts);

}  // namespace bpfcompat::inspect
