#include "log_lines.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace bpfcompat::classify {
namespace {

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::size_t find_ci(std::string_view text, std::string_view needle) {
  auto it = std::search(text.begin(), text.end(), needle.begin(), needle.end(),
                        [](char a, char b) { return lower(a) == lower(b); });
  return it == text.end() ? std::string_view::npos : static_cast<std::size_t>(it - text.begin());
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    line = trim(line);
    if (!line.empty()) out.push_back(line);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && find_ci(s.substr(0, prefix.size()), prefix) == 0;
}

bool is_verifier_noise(std::string_view line) {
  static constexpr std::array<std::string_view, 7> kPrefixes{
      "processed ",           "verification time",      "stack depth",
      "-- END PROG LOAD LOG", "-- BEGIN PROG LOAD LOG", "libbpf:",
      "mark_precise:"};
  return std::any_of(kPrefixes.begin(), kPrefixes.end(),
                     [&](std::string_view p) { return starts_with_ci(line, p); });
}

bool is_generic_libbpf(std::string_view line) {
  static constexpr std::array<std::string_view, 5> kGeneric{
      "failed to load object", "': failed to load: ", "BPF program load failed",
      "-- BEGIN PROG LOAD LOG", "-- END PROG LOAD LOG"};
  return std::any_of(kGeneric.begin(), kGeneric.end(), [&](std::string_view g) {
    return find_ci(line, g) != std::string_view::npos;
  });
}

}  // namespace

bool contains_ci(std::string_view text, std::string_view needle) {
  return find_ci(text, needle) != std::string_view::npos;
}

std::string first_line_with(std::string_view text, std::string_view needle) {
  for (std::string_view line : lines_of(text)) {
    if (contains_ci(line, needle)) return std::string(line);
  }
  return "";
}

std::string last_line_with(std::string_view text, std::string_view needle) {
  auto lines = lines_of(text);
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    if (contains_ci(*it, needle)) return std::string(*it);
  }
  return "";
}

std::string verifier_error_line(std::string_view verifier_tail) {
  auto lines = lines_of(verifier_tail);
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    if (!is_verifier_noise(*it)) return std::string(*it);
  }
  return "";
}

std::string libbpf_error_line(std::string_view libbpf_tail) {
  auto lines = lines_of(libbpf_tail);
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    if (starts_with_ci(*it, "libbpf:") && !is_generic_libbpf(*it)) return std::string(*it);
  }
  // Only summaries: the one with the error text ("load failed: Invalid argument") says most.
  std::string summary = last_line_with(libbpf_tail, "load failed: ");
  if (!summary.empty()) return summary;
  return lines.empty() ? "" : std::string(lines.back());
}

std::string last_line(std::string_view text) {
  auto lines = lines_of(text);
  return lines.empty() ? "" : std::string(lines.back());
}

std::string quoted_after(std::string_view line, std::string_view marker) {
  std::size_t at = find_ci(line, marker);
  if (at == std::string_view::npos) return "";
  std::size_t open = line.find('\'', at + marker.size());
  if (open == std::string_view::npos) return "";
  std::size_t close = line.find('\'', open + 1);
  if (close == std::string_view::npos) return "";
  return std::string(line.substr(open + 1, close - open - 1));
}

long long number_after(std::string_view text, std::string_view marker) {
  std::size_t at = find_ci(text, marker);
  if (at == std::string_view::npos) return -1;
  std::size_t i = at + marker.size();
  if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
  long long n = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && n < (1LL << 50)) {
    n = n * 10 + (text[i++] - '0');
  }
  return n;
}

}  // namespace bpfcompat::classify
