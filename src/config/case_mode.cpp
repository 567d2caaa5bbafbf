#include "bpfcompat/config/case_mode.h"

namespace bpfcompat::config {

const char* case_mode_name(CaseMode mode) {
  switch (mode) {
    case CaseMode::kLoadOnly:
      return "load_only";
    case CaseMode::kLoadAttach:
      return "load_attach";
    case CaseMode::kBehavior:
      return "behavior";
    case CaseMode::kCommand:
      return "command";
  }
  return "load_attach";
}

std::optional<CaseMode> parse_case_mode(const std::string& text) {
  if (text == "load_only" || text == "load-only" || text == "loadonly") return CaseMode::kLoadOnly;
  if (text == "load_attach" || text == "load-attach" || text == "loadattach") {
    return CaseMode::kLoadAttach;
  }
  if (text == "behavior" || text == "behaviour") return CaseMode::kBehavior;
  return std::nullopt;
}

const char* case_mode_choices() {
  return "load_only, load_attach, behavior";
}

}  // namespace bpfcompat::config
