#include <gtest/gtest.h>

#include "markup_escape.h"

namespace bpfcompat::report {
namespace {

struct EscapeCase {
  std::string name;
  std::string input;
  std::string xml_text;
  std::string xml_attr;
  std::string html;
};

std::vector<EscapeCase> escape_cases() {
  return {
      {"plain", "count_loops", "count_loops", "count_loops", "count_loops"},
      {"markup", "<a href=\"x\">&'", "&lt;a href=&quot;x&quot;&gt;&amp;&apos;",
       "&lt;a href=&quot;x&quot;&gt;&amp;&apos;", "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"},
      {"whitespace", "a\tb\nc\r\n", "a\tb\nc&#13;\n", "a&#9;b&#10;c&#13;&#10;", "a\tb\nc\n"},
      {"controls", std::string("\x1b[0m\x01\x7f") + std::string(1, '\0'), "\\x1b[0m\\x01\\x7f\\x00",
       "\\x1b[0m\\x01\\x7f\\x00", "\\x1b[0m\\x01\\x7f\\x00"},
      {"utf8_kept", "→ ✅ 𝄞", "→ ✅ 𝄞", "→ ✅ 𝄞", "→ ✅ 𝄞"},
      {"invalid_byte",
       "a\xff"
       "b",
       "a\xEF\xBF\xBD"
       "b",
       "a\xEF\xBF\xBD"
       "b",
       "a\xEF\xBF\xBD"
       "b"},
      {"truncated", "a\xe2\x86", "a\xEF\xBF\xBD\xEF\xBF\xBD", "a\xEF\xBF\xBD\xEF\xBF\xBD",
       "a\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"overlong", "\xc0\xaf", "\xEF\xBF\xBD\xEF\xBF\xBD", "\xEF\xBF\xBD\xEF\xBF\xBD",
       "\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"surrogate", "\xed\xa0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
       "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"noncharacter", "\xef\xbf\xbf", "\xEF\xBF\xBD", "\xEF\xBF\xBD", "\xEF\xBF\xBD"},
  };
}

class MarkupEscape : public ::testing::TestWithParam<EscapeCase> {};

TEST_P(MarkupEscape, MakesTextSafeAndValid) {
  const EscapeCase& c = GetParam();
  EXPECT_EQ(xml_escape(c.input), c.xml_text);
  EXPECT_EQ(xml_attribute(c.input), c.xml_attr);
  EXPECT_EQ(html_escape(c.input), c.html);
}

INSTANTIATE_TEST_SUITE_P(Table, MarkupEscape, ::testing::ValuesIn(escape_cases()),
                         [](const ::testing::TestParamInfo<EscapeCase>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace bpfcompat::report
