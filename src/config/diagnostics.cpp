#include "diagnostics.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace bpfcompat::config {
namespace {

// Blank padding that lines a caret up under `column` of `line`: tabs are kept, UTF-8
// continuation bytes take no room.
std::string caret_padding(const std::string& line, int column) {
  std::string pad;
  for (std::size_t i = 0; i < line.size() && static_cast<int>(i) + 1 < column; ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;
    pad += c == '\t' ? '\t' : ' ';
  }
  return pad;
}

// The quoted line made safe to print: control characters become '?', and a very long line is
// cut to a window around the column (the column is adjusted to match).
constexpr std::size_t kMaxQuoted = 120;

std::string quotable(const std::string& line, int& column) {
  std::string out = line;
  for (char& c : out) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) c = '?';
  }
  if (out.size() <= kMaxQuoted) return out;
  std::size_t col = column > 0 ? static_cast<std::size_t>(column - 1) : 0;
  std::size_t start = col > kMaxQuoted / 2 ? col - kMaxQuoted / 2 : 0;
  while (start > 0 && (static_cast<unsigned char>(out[start]) & 0xC0) == 0x80) --start;
  std::size_t end = std::min(out.size(), start + kMaxQuoted);
  while (end < out.size() && (static_cast<unsigned char>(out[end]) & 0xC0) == 0x80) ++end;
  std::string head = start > 0 ? "..." : "";
  column = static_cast<int>(col - start + head.size()) + 1;
  return head + out.substr(start, end - start) + (end < out.size() ? "..." : "");
}

}  // namespace

SourceText SourceText::from(std::string path, const std::string& text) {
  SourceText source{std::move(path), {}};
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    source.lines.push_back(std::move(line));
    start = end + 1;
  }
  return source;
}

std::string SourceText::line(int number) const {
  if (number < 1 || static_cast<std::size_t>(number) > lines.size()) return {};
  return lines[static_cast<std::size_t>(number) - 1];
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string what = d.context.empty() ? d.message : fmt::format("{}: {}", d.context, d.message);
  std::string out;
  if (d.path.empty()) {
    out = what;
  } else if (d.line <= 0) {
    out = fmt::format("{}: {}", d.path, what);
  } else {
    out = fmt::format("{}:{}:{}: error: {}\n", d.path, d.line, d.column, what);
    std::string number = std::to_string(d.line);
    std::string gutter(std::max<std::size_t>(number.size(), 5), ' ');
    int column = d.column;
    std::string quoted = quotable(d.source_line, column);
    out += fmt::format("{:>{}} | {}\n", number, gutter.size(), quoted);
    out += fmt::format("{} | {}^", gutter, caret_padding(quoted, column));
  }
  if (!d.hint.empty()) out += fmt::format("\nhint: {}", d.hint);
  return out;
}

Error Diagnostics::to_error() const {
  // Files in the order they were first reported on, each top to bottom.
  std::vector<std::string> files;
  auto file_rank = [&files](const std::string& path) {
    auto it = std::find(files.begin(), files.end(), path);
    return static_cast<std::size_t>(it - files.begin());
  };
  for (const auto& d : items_) {
    if (file_rank(d.path) == files.size()) files.push_back(d.path);
  }
  auto sorted = items_;
  std::stable_sort(sorted.begin(), sorted.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    return std::tuple(file_rank(a.path), a.line, a.column) <
           std::tuple(file_rank(b.path), b.line, b.column);
  });
  std::string message;
  for (const auto& d : sorted) {
    if (!message.empty()) message += '\n';
    message += format_diagnostic(d);
  }
  return invalid_input(std::move(message));
}

}  // namespace bpfcompat::config
