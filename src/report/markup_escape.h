// Escaping user data (names, logs, verifier output) for XML and HTML: markup characters become
// entities, invalid UTF-8 becomes U+FFFD, and control characters become visible `\xNN` text.
#pragma once

#include <string>

namespace bpfcompat::report {

// Text content of XML 1.0, which cannot carry most control characters even as character
// references; tab and newline are kept.
std::string xml_escape(const std::string& text);
// An attribute value: also tab, newline and carriage return as references (a parser would
// otherwise normalise them to spaces).
std::string xml_attribute(const std::string& text);
// HTML text or a double- or single-quoted attribute value.
std::string html_escape(const std::string& text);

}  // namespace bpfcompat::report
