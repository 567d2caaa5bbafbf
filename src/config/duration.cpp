// parse_duration(): "90s", "5m", "1m30s", "1h", "120" (seconds).
#include <cctype>
#include <cstdint>

#include <fmt/format.h>

#include "bpfcompat/config/matrix.h"

namespace bpfcompat::config {
namespace {

constexpr const char* kAcceptedForms =
    "use whole seconds (120) or h/m/s units in that order (90s, 5m, 1m30s, 1h)";
constexpr std::int64_t kMaxSeconds =
    std::int64_t{7} * 24 * 3600;  // a week: anything longer is a typo

Error invalid_duration(const std::string& text, const char* why) {
  return invalid_input(fmt::format("invalid duration '{}': {}; {}", text, why, kAcceptedForms));
}

int unit_rank(char unit) {
  switch (unit) {
    case 'h':
      return 0;
    case 'm':
      return 1;
    case 's':
      return 2;
    default:
      return -1;
  }
}

std::int64_t unit_seconds(char unit) {
  return unit == 'h' ? 3600 : unit == 'm' ? 60 : 1;
}

}  // namespace

Result<std::chrono::seconds> parse_duration(const std::string& text) {
  if (text.empty()) return invalid_duration(text, "it is empty");
  if (text[0] == '-') return invalid_duration(text, "it must be positive");
  std::int64_t total = 0;
  int last_rank = -1;
  std::size_t i = 0;
  while (i < text.size()) {
    std::int64_t value = 0;
    std::size_t digits = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i, ++digits) {
      if (digits >= 9) return invalid_duration(text, "the number is too large");
      value = value * 10 + (text[i] - '0');
    }
    if (digits == 0) return invalid_duration(text, "expected a number");
    if (i == text.size()) {
      if (last_rank >= 0) return invalid_duration(text, "the last number has no unit");
      total = value;  // bare seconds
      break;
    }
    int rank = unit_rank(text[i]);
    if (rank < 0) {
      return invalid_duration(text,
                              text[i] == '.' ? "fractions are not supported" : "unknown unit");
    }
    if (rank <= last_rank) return invalid_duration(text, "units must appear once, as h, m, s");
    last_rank = rank;
    total += value * unit_seconds(text[i]);
    ++i;
  }
  if (total <= 0) return invalid_duration(text, "it must be positive");
  if (total > kMaxSeconds) return invalid_duration(text, "it is longer than a week");
  return std::chrono::seconds(total);
}

}  // namespace bpfcompat::config
