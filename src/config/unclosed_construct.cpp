// find_unclosed_construct(): a small YAML tokenizer that knows only what it takes to match
// brackets and quotes — where a token may start, comments, quoted scalars and block scalars.
#include "unclosed_construct.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace bpfcompat::config {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
}

bool is_flow_indicator(char c) {
  return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

char closer_of(char opener) {
  return opener == '[' ? ']' : opener == '{' ? '}' : opener;
}

class Scanner {
 public:
  explicit Scanner(const std::string& text) : t_(text) {
    for (std::size_t i = 0; i < t_.size(); ++i) {
      if (t_[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  std::optional<UnclosedConstruct> run();

 private:
  char at(std::size_t i) const { return i < t_.size() ? t_[i] : '\0'; }
  std::size_t end_of_line(std::size_t i) const {
    auto nl = t_.find('\n', i);
    return nl == std::string::npos ? t_.size() : nl;
  }
  std::size_t line_start(std::size_t i) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), i);
    return *(it - 1);
  }
  UnclosedConstruct construct(char opener, std::size_t i) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), i);
    int line = static_cast<int>(it - line_starts_.begin());
    return {opener, closer_of(opener), line, static_cast<int>(i - *(it - 1)) + 1};
  }
  // The index after the quoted scalar opened at `i`, or nullopt when the text ends inside it.
  std::optional<std::size_t> skip_quoted(std::size_t i) const;
  // The index of the first line after the block scalar whose header (| or >) is at `i`.
  std::size_t skip_block_scalar(std::size_t i) const;

  const std::string& t_;
  std::vector<std::size_t> line_starts_{0};
};

std::optional<std::size_t> Scanner::skip_quoted(std::size_t i) const {
  char quote = t_[i];
  for (std::size_t j = i + 1; j < t_.size(); ++j) {
    if (quote == '"' && t_[j] == '\\') {
      ++j;  // an escaped character, whatever it is
    } else if (t_[j] == quote) {
      if (quote == '\'' && at(j + 1) == '\'') {
        ++j;  // '' is a quote inside a single-quoted scalar
        continue;
      }
      return j + 1;
    }
  }
  return std::nullopt;
}

// Content lines are blank or indented deeper than the node that owns the scalar: the key on
// the header's line, or for `- |` the sequence entry's dash.
std::size_t Scanner::skip_block_scalar(std::size_t i) const {
  std::size_t start = line_start(i);
  std::size_t owner = start;
  while (t_[owner] == ' ') ++owner;
  while (owner < i && t_[owner] == '-' && is_blank(at(owner + 1))) {
    std::size_t next = owner + 1;
    while (next < i && t_[next] == ' ') ++next;
    if (next == i) break;  // `- |`: the dash owns it
    owner = next;
  }
  std::size_t owner_indent = owner - start;
  std::size_t line = end_of_line(i) + 1;
  while (line < t_.size()) {
    std::size_t spaces = 0;
    while (at(line + spaces) == ' ') ++spaces;
    char first = at(line + spaces);
    bool blank_line = first == '\n' || first == '\r' || first == '\0';
    if (!blank_line && spaces <= owner_indent) break;
    line = end_of_line(line) + 1;
  }
  return std::min(line, t_.size());
}

std::optional<UnclosedConstruct> Scanner::run() {
  struct Open {
    char opener;
    std::size_t at;
  };
  std::vector<Open> flows;
  bool expect_value = true;  // a new token may start here (line start, after ': ', '- ', '[', ',')
  bool after_quote = false;  // in a flow, `"key":value` needs no space after the colon
  bool at_line_start = true;
  std::size_t i = 0;
  while (i < t_.size()) {
    char c = t_[i];
    if (c == '\n') {
      if (flows.empty()) expect_value = true;
      at_line_start = true;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    if (c == '#' && (i == 0 || is_blank(t_[i - 1]))) {
      i = end_of_line(i);
      continue;
    }
    bool first = at_line_start;
    at_line_start = false;
    bool in_flow = !flows.empty();
    if (first && !in_flow && i == line_start(i)) {
      bool marker =
          (t_.compare(i, 3, "---") == 0 || t_.compare(i, 3, "...") == 0) && is_blank(at(i + 3));
      if (marker || c == '%') {
        i = c == '%' ? end_of_line(i) : i + 3;
        continue;
      }
    }
    bool was_after_quote = after_quote;
    after_quote = false;
    if (expect_value) {
      if (c == '"' || c == '\'') {
        auto end = skip_quoted(i);
        if (!end) return construct(c, i);
        i = *end;
        expect_value = false;
        after_quote = true;
        continue;
      }
      if (c == '[' || c == '{') {
        flows.push_back({c, i++});
        continue;
      }
      if (!in_flow && (c == '|' || c == '>')) {
        i = skip_block_scalar(i);
        at_line_start = true;
        continue;
      }
      if ((c == '-' || c == '?' || c == ':') && is_blank(at(i + 1))) {
        ++i;
        continue;
      }
      if (c == '&' || c == '!') {  // an anchor or a tag: the node follows
        while (i < t_.size() && !is_blank(t_[i]) && !(in_flow && is_flow_indicator(t_[i]))) ++i;
        continue;
      }
    }
    if (in_flow && (c == ']' || c == '}')) {
      if (closer_of(flows.back().opener) != c) return std::nullopt;  // the parser says what
      flows.pop_back();
      expect_value = false;
      ++i;
      continue;
    }
    if (in_flow && c == ',') {
      expect_value = true;
      ++i;
      continue;
    }
    bool indicator =
        is_blank(at(i + 1)) || (in_flow && (is_flow_indicator(at(i + 1)) || was_after_quote));
    expect_value = c == ':' && indicator;
    ++i;
  }
  if (flows.empty()) return std::nullopt;
  return construct(flows.back().opener, flows.back().at);
}

}  // namespace

std::optional<UnclosedConstruct> find_unclosed_construct(const std::string& text) {
  return Scanner(text).run();
}

}  // namespace bpfcompat::config
