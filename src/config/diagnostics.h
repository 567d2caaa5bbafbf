// Config diagnostics: positioned errors with hints, collected over a whole file in one pass and
// formatted like a compiler's (file:line:col, the source line, a caret, a hint).
#pragma once

#include <string>
#include <vector>

#include "bpfcompat/core/result.h"

namespace bpfcompat::config {

// A file's text split into lines, for quoting the line an error points at.
struct SourceText {
  std::string path;  // as the user gave it
  std::vector<std::string> lines;
  static SourceText from(std::string path, const std::string& text);
  std::string line(int number) const;  // 1-based; empty when out of range
};

struct Diagnostic {
  std::string path;  // empty when the message names its input itself
  int line = 0;      // 1-based; 0: the whole file
  int column = 0;    // 1-based
  std::string message;
  std::string hint;
  std::string context;  // "in profile 'x' → kernel → package"; may be empty
  std::string source_line;
};

class Diagnostics {
 public:
  void add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
  bool empty() const { return items_.empty(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  // One kInvalidInput Error whose message holds every diagnostic, file by file (in the order
  // first reported), each file top to bottom.
  Error to_error() const;

 private:
  std::vector<Diagnostic> items_;
};

// "path:line:col: error: context: message", then the source line, a caret and "hint: ...".
std::string format_diagnostic(const Diagnostic& diagnostic);

}  // namespace bpfcompat::config
