#include "bpfcompat/transport/shell_quote.h"

#include <gtest/gtest.h>

#include "bpfcompat/core/subprocess.h"

namespace bpfcompat::transport {
namespace {

TEST(ShellQuote, QuotesEveryArgument) {
  struct Case {
    std::string in;
    std::string want;
  };
  for (const auto& c : std::vector<Case>{
           {"plain", "'plain'"},
           {"", "''"},
           {"a'b", "'a'\\''b'"},
           {"$(id)", "'$(id)'"},
           {"two words", "'two words'"},
           {"'", "''\\'''"},
           {"a\nb", "'a\nb'"},
       }) {
    EXPECT_EQ(shell_quote(c.in), c.want) << c.in;
  }
}

TEST(ShellQuote, JoinsArgvWithSpaces) {
  auto cmd = shell_command({"echo", "a b", "c"});
  ASSERT_TRUE(cmd);
  EXPECT_EQ(*cmd, "'echo' 'a b' 'c'");
}

TEST(ShellQuote, RejectsEmptyArgvAndNulBytes) {
  EXPECT_FALSE(shell_command({}));
  EXPECT_FALSE(shell_command({"echo", std::string("a\0b", 3)}));
}

TEST(ShellQuote, ShellSeesTheArgumentsVerbatim) {
  std::vector<std::string> argv = {"printf", "[%s]\\n", "a'b", "$(id)",  "two  words",
                                   "*",      "",        "\\",  "`x`;|&", "\"q\""};
  auto cmd = shell_command(argv);
  ASSERT_TRUE(cmd);
  auto run = run_captured({"sh", "-c", *cmd}, std::chrono::milliseconds(5000));
  ASSERT_TRUE(run);
  EXPECT_EQ(run->output, "[a'b]\n[$(id)]\n[two  words]\n[*]\n[]\n[\\]\n[`x`;|&]\n[\"q\"]\n");
}

}  // namespace
}  // namespace bpfcompat::transport
