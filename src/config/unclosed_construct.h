// Finds where an unclosed flow collection or quoted scalar of a YAML text starts: yaml-cpp
// reports such errors at the end of the file (or, for a quote, not at all).
#pragma once

#include <optional>
#include <string>

namespace bpfcompat::config {

struct UnclosedConstruct {
  char opener = 0;  // '[', '{', '"' or '\''
  char closer = 0;  // ']', '}', '"' or '\''
  int line = 0;     // 1-based
  int column = 0;   // 1-based, in bytes
};

// The innermost construct still open at the end of `text`, or nullopt when every one is closed.
// Comments, block scalars (| and >) and quotes inside plain scalars (`it's`) are skipped as YAML
// reads them.
std::optional<UnclosedConstruct> find_unclosed_construct(const std::string& text);

}  // namespace bpfcompat::config
