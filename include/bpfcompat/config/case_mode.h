// How a case is judged: the one case-mode enum of the tool, its names in files and reports, and
// every spelling the CLI and YAML files accept.
#pragma once

#include <optional>
#include <string>

namespace bpfcompat::config {

enum class CaseMode { kLoadOnly, kLoadAttach, kBehavior, kCommand };

// "load_only", "load_attach", "behavior", "command": the names reports and case plans use.
const char* case_mode_name(CaseMode mode);

// Accepts the canonical names and the reference tool's and British spellings
// (load-only, loadonly, load-attach, loadattach, behaviour). "command" is not a mode a user
// chooses: it comes from a command case, so it is rejected here.
std::optional<CaseMode> parse_case_mode(const std::string& text);

// The spellings to list in an error message.
const char* case_mode_choices();  // "load_only, load_attach, behavior"

}  // namespace bpfcompat::config
