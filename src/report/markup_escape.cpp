// XML and HTML escaping over a UTF-8 decoder that repairs what it cannot decode.
#include "markup_escape.h"

#include <cstdint>

#include <fmt/format.h>

namespace bpfcompat::report {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point at text[i] and advances i; a malformed, overlong or surrogate sequence
// yields U+FFFD and consumes one byte.
char32_t next_code_point(const std::string& text, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(text[k]); };
  std::uint8_t b = byte(i);
  int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 1) {
    ++i;
    return b;
  }
  if (len == 0 || i + static_cast<std::size_t>(len) > text.size()) {
    ++i;
    return kReplacement;
  }
  char32_t cp = b & (0xFF >> (len + 1));
  for (int k = 1; k < len; ++k) {
    std::uint8_t c = byte(i + static_cast<std::size_t>(k));
    if ((c >> 6) != 0x2) {
      ++i;
      return kReplacement;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return kReplacement;
  }
  i += static_cast<std::size_t>(len);
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Shared by both escapers: markup characters, then what XML 1.0 forbids.
template <typename Markup>
std::string escape(const std::string& text, Markup markup) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    if (const char* entity = markup(cp); entity != nullptr) {
      out += entity;
    } else if (cp < 0x20 || cp == 0x7F) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));  // ESC, BEL, NUL, ...
    } else if (cp == 0xFFFE || cp == 0xFFFF || (cp >= 0x80 && cp < 0xA0)) {
      append_utf8(out, kReplacement);
    } else {
      append_utf8(out, cp);
    }
  }
  return out;
}

const char* xml_markup(char32_t cp) {
  switch (cp) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&apos;";
    case '\t':
      return "\t";
    case '\n':
      return "\n";
    case '\r':
      return "&#13;";
    default:
      return nullptr;
  }
}

}  // namespace

std::string xml_escape(const std::string& text) {
  return escape(text, xml_markup);
}

std::string xml_attribute(const std::string& text) {
  return escape(text, [](char32_t cp) -> const char* {
    if (cp == '\t') return "&#9;";
    if (cp == '\n') return "&#10;";
    return xml_markup(cp);
  });
}

std::string html_escape(const std::string& text) {
  // XML's table, except for the two characters HTML spells differently.
  return escape(text, [](char32_t cp) -> const char* {
    if (cp == '\'') return "&#39;";
    if (cp == '\r') return "";
    return xml_markup(cp);
  });
}

}  // namespace bpfcompat::report
