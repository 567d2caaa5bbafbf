#include "diagnostics.h"

#include <gtest/gtest.h>

namespace bpfcompat::config {
namespace {

TEST(Diagnostics, FormatsLineCaretAndHint) {
  auto source = SourceText::from("matrices/ci.yaml", "profiles:\n  - id: x\n    requird: true\n");
  Diagnostic d{"matrices/ci.yaml", 3, 5, "unknown key 'requird'", "did you mean 'required'?", "",
               source.line(3)};
  EXPECT_EQ(format_diagnostic(d),
            "matrices/ci.yaml:3:5: error: unknown key 'requird'\n"
            "    3 |     requird: true\n"
            "      |     ^\n"
            "hint: did you mean 'required'?");
}

TEST(Diagnostics, PutsContextBeforeMessageAndOmitsEmptyHint) {
  Diagnostic d{"m.yaml", 12, 3, "bad", "", "in profile 'x' → kernel", "ab"};
  EXPECT_EQ(format_diagnostic(d),
            "m.yaml:12:3: error: in profile 'x' → kernel: bad\n"
            "   12 | ab\n"
            "      |   ^");
}

TEST(Diagnostics, CaretSkipsUtf8ContinuationBytesAndKeepsTabs) {
  Diagnostic d{"m.yaml", 1, 8, "m", "", "", "\t# é: x"};  // 'x' is byte 8, character 7
  EXPECT_EQ(format_diagnostic(d), "m.yaml:1:8: error: m\n    1 | \t# é: x\n      | \t     ^");
}

TEST(Diagnostics, CutsLongLinesAroundTheColumnAndMasksControlCharacters) {
  std::string line = std::string(300, 'a') + "X" + std::string(300, 'b');
  Diagnostic d{"m.yaml", 1, 301, "m", "", "", line};
  std::string out = format_diagnostic(d);
  auto quoted_at = out.find("    1 | ...");
  ASSERT_NE(quoted_at, std::string::npos) << out;
  auto quoted_end = out.find('\n', quoted_at);
  std::string quoted = out.substr(quoted_at + 8, quoted_end - quoted_at - 8);
  EXPECT_LT(quoted.size(), 130u);
  EXPECT_EQ(quoted.substr(quoted.size() - 3), "...");
  std::string caret_line = out.substr(quoted_end + 1);
  EXPECT_EQ(quoted[caret_line.size() - 9], 'X') << out;  // caret sits under the X

  Diagnostic ctl{"m.yaml",
                 1,
                 1,
                 "m",
                 "",
                 "",
                 std::string("a\x01"
                             "b\x1b")};
  EXPECT_NE(format_diagnostic(ctl).find("| a?b?\n"), std::string::npos);
}

TEST(Diagnostics, WithoutPositionNamesOnlyTheFile) {
  Diagnostic d{"m.yaml", 0, 0, "empty matrix", "", "", ""};
  EXPECT_EQ(format_diagnostic(d), "m.yaml: empty matrix");
  Diagnostic bare{"", 0, 0, "cannot read x: No such file or directory", "", "", ""};
  EXPECT_EQ(format_diagnostic(bare), "cannot read x: No such file or directory");
}

TEST(Diagnostics, ErrorHoldsAllSortedByFileThenPosition) {
  Diagnostics list;
  list.add({"a.yaml", 5, 1, "second", "", "", "x"});
  list.add({"p.yaml", 1, 1, "third", "", "", "y"});
  list.add({"a.yaml", 2, 1, "first", "", "", "z"});
  Error e = list.to_error();
  EXPECT_EQ(e.kind, ErrorKind::kInvalidInput);
  auto first = e.message.find("first");
  auto second = e.message.find("second");
  auto third = e.message.find("third");
  ASSERT_NE(third, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_EQ(e.message.back(), '^');  // no trailing newline
}

TEST(SourceText, SplitsLinesAndStripsCarriageReturns) {
  auto s = SourceText::from("f", "a\r\nb\n");
  EXPECT_EQ(s.line(1), "a");
  EXPECT_EQ(s.line(2), "b");
  EXPECT_EQ(s.line(3), "");
  EXPECT_EQ(s.line(0), "");
  EXPECT_EQ(s.line(99), "");
}

}  // namespace
}  // namespace bpfcompat::config
