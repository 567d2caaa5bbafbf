#include "deb_version.h"

#include <cctype>
#include <string>

namespace bpfcompat::sources {
namespace {

struct Parsed {
  long epoch = 0;
  std::string_view upstream;
  std::string_view revision;
};

Parsed parse(std::string_view v) {
  Parsed p;
  auto colon = v.find(':');
  if (colon != std::string_view::npos) {
    for (char c : v.substr(0, colon)) {
      if (std::isdigit(static_cast<unsigned char>(c))) p.epoch = p.epoch * 10 + (c - '0');
    }
    v.remove_prefix(colon + 1);
  }
  auto dash = v.rfind('-');
  if (dash != std::string_view::npos) {
    p.revision = v.substr(dash + 1);
    v = v.substr(0, dash);
  }
  p.upstream = v;
  return p;
}

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

int order(char c) {
  if (is_digit(c)) return 0;
  if (std::isalpha(static_cast<unsigned char>(c))) return static_cast<unsigned char>(c);
  if (c == '~') return -1;
  if (c != '\0') return static_cast<unsigned char>(c) + 256;
  return 0;
}

// dpkg's verrevcmp over string_views; past the end reads as '\0'.
int verrevcmp(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  auto at = [](std::string_view s, std::size_t k) { return k < s.size() ? s[k] : '\0'; };
  while (i < a.size() || j < b.size()) {
    int first_diff = 0;
    while ((i < a.size() && !is_digit(a[i])) || (j < b.size() && !is_digit(b[j]))) {
      int ac = order(at(a, i));
      int bc = order(at(b, j));
      if (ac != bc) return ac - bc;
      ++i;
      ++j;
    }
    while (at(a, i) == '0') ++i;
    while (at(b, j) == '0') ++j;
    while (is_digit(at(a, i)) && is_digit(at(b, j))) {
      if (first_diff == 0) first_diff = at(a, i) - at(b, j);
      ++i;
      ++j;
    }
    if (is_digit(at(a, i))) return 1;
    if (is_digit(at(b, j))) return -1;
    if (first_diff != 0) return first_diff;
  }
  return 0;
}

}  // namespace

int compare_deb_versions(std::string_view a, std::string_view b) {
  Parsed pa = parse(a);
  Parsed pb = parse(b);
  if (pa.epoch != pb.epoch) return pa.epoch < pb.epoch ? -1 : 1;
  if (int r = verrevcmp(pa.upstream, pb.upstream); r != 0) return r;
  return verrevcmp(pa.revision, pb.revision);
}

bool deb_version_satisfies(std::string_view version, std::string_view op, std::string_view wanted) {
  if (op.empty()) return true;
  int c = compare_deb_versions(version, wanted);
  if (op == "<<") return c < 0;
  if (op == "<=" || op == "<") return c <= 0;
  if (op == "=") return c == 0;
  if (op == ">=" || op == ">") return c >= 0;
  if (op == ">>") return c > 0;
  return false;
}

}  // namespace bpfcompat::sources
