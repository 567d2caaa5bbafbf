#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bpfcompat/config/matrix.h"

namespace bpfcompat::config {
namespace {

const std::string kBad = BPFCOMPAT_TEST_DATA "/config/bad";

std::string load_error(const std::string& file) {
  auto m = load_matrix(kBad + "/" + file);
  EXPECT_FALSE(m) << file << " should not load";
  if (m) return {};
  EXPECT_EQ(m.error().kind, ErrorKind::kInvalidInput);
  return m.error().message;
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(MatrixParser, RejectsUnknownKeyWithLineCaretAndSuggestion) {
  EXPECT_EQ(load_error("unknown_key.yaml"),
            kBad +
                "/unknown_key.yaml:4:5: error: unknown key 'requird'\n"
                "    4 |     requird: true\n"
                "      |     ^\n"
                "hint: did you mean 'required'?");
}

TEST(MatrixParser, ReportsEachErrorKindAtItsPosition) {
  struct Case {
    const char* file;
    const char* where;    // line:col
    const char* message;  // after "error: "
    const char* hint;     // empty: no hint line
  };
  const std::vector<Case> cases = {
      {"unknown_top_key.yaml", "2:1", "unknown key 'profile'", "did you mean 'profiles'?"},
      {"unknown_source_key.yaml", "8:9",
       "in profile 'my-kernel' → kernel → package: unknown key 'sha265'", "did you mean 'sha256'?"},
      {"invalid_id.yaml", "2:9", "invalid profile id '-debian/12'",
       "ids match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"},
      {"duplicate_id.yaml", "4:9", "duplicate profile id 'debian-12'",
       "it is first used on line 2"},
      {"duplicate_key.yaml", "4:5", "duplicate key 'required'", "remove one of them"},
      {"no_profiles.yaml", "2:11", "'profiles' is empty",
       "list at least one profile, e.g. '- id: debian-12'"},
      {"apt_suite_and_suites.yaml", "4:27",
       "in profile 'ubuntu' → kernel → apt: 'apt' has both 'suite' and 'suites'",
       "give 'suites' (a list) or 'suite' (one name), not both"},
      {"apt_empty_suites.yaml", "4:21",
       "in profile 'ubuntu' → kernel → apt: 'suites' must list at least one non-empty name", ""},
      {"two_sources.yaml", "5:7",
       "in profile 'my-kernel' → kernel: 'kernel' has both 'apt' and 'package'",
       "give exactly one of apt, rpm, package or local"},
      {"no_source.yaml", "2:5", "profile 'my-kernel' has no kernel source",
       "add 'kernel:' with one of apt, rpm, package or local"},
      {"bad_sha256.yaml", "6:17",
       "in profile 'pinned' → kernel → package: 'sha256' must be 64 hexadecimal digits; got 6 "
       "characters",
       "use the file's SHA-256 as printed by `sha256sum FILE`"},
      {"bad_duration.yaml", "3:14",
       "invalid duration '5 minutes': unknown unit; use whole seconds (120) or h/m/s units in "
       "that order (90s, 5m, 1m30s, 1h)",
       ""},
      {"zero_memory.yaml", "3:16", "'memory_mb' must be a positive integer, got '0'",
       "write a plain whole number from 1 to "},
      {"bad_cpus.yaml", "3:11", "'cpus' must be a positive integer, got 'two'",
       "write a plain whole number from 1 to "},
      {"arch_arm64.yaml", "3:11", "arch 'arm64' is not supported yet",
       "only x86_64 (amd64) kernels can be booted for now"},
      {"string_bool.yaml", "3:15", "'required' must be true or false, not the string \"false\"",
       "remove the quotes"},
      {"yes_bool.yaml", "3:15", "'required' must be true or false, got 'no'",
       "YAML 1.1 words like yes/no/on/off are not booleans here; write true or false"},
      {"unknown_profile.yaml", "2:9", "unknown profile 'debain-12'",
       "did you mean 'debian-12'? built-in profiles: debian-11, debian-12, debian-13, "
       "debian-unstable; or define it inline (distro, kernel, ...) or in "},
      {"unknown_lane.yaml", "3:11", "unknown lane 'kernal'",
       "did you mean 'kernel'? lanes are kernel, cloud-image and host"},
      {"missing_local.yaml", "5:18",
       "in profile 'my-kernel' → kernel → local: 'vmlinuz' path './no-such-bzImage' does not "
       "exist",
       "relative paths resolve to "},
      {"syntax_error.yaml", "4:15", "'[' opened here is never closed; add the closing ']'",
       "the parser got to line 5, column 7 without finding it (end of sequence flow not found)"},
  };
  for (const auto& c : cases) {
    std::string message = load_error(c.file);
    std::string head = kBad + "/" + c.file + ":" + c.where + ": error: " + c.message + "\n";
    EXPECT_NE(message.find(head), std::string::npos) << "want: " << head << "got:\n" << message;
    if (*c.hint != '\0') {
      EXPECT_NE(message.find(std::string("\nhint: ") + c.hint), std::string::npos)
          << c.file << ":\n"
          << message;
    } else {
      EXPECT_EQ(message.find("hint:"), std::string::npos) << c.file << ":\n" << message;
    }
  }
}

TEST(MatrixParser, UnknownProfileHintNamesTheProfileFileItLookedFor) {
  std::string message = load_error("unknown_profile.yaml");
  EXPECT_NE(message.find(kBad + "/profiles/debain-12.yaml"), std::string::npos) << message;
}

TEST(MatrixParser, CollectsAllErrorsInOnePass) {
  std::string message = load_error("many_errors.yaml");
  const std::string file = kBad + "/many_errors.yaml";
  const std::vector<std::string> heads = {
      ":4:5: error: unknown key 'requird'",
      ":6:14: error: invalid duration '0': it must be positive",
      ":10:14: error: in profile 'my-kernel' → kernel → package: 'url' is not "
      "a URL: 'ftp://example.org/k.deb'",
      ":11:17: error: in profile 'my-kernel' → kernel → package: 'sha256' "
      "must be 64 hexadecimal digits",
      ":12:9: error: duplicate profile id 'debian-12'"};
  std::size_t last = 0;
  for (const auto& head : heads) {
    auto at = message.find(file + head);
    ASSERT_NE(at, std::string::npos) << head << "\n" << message;
    EXPECT_GE(at, last) << "out of order: " << head;
    last = at;
  }
  EXPECT_EQ(count(message, ": error: "), heads.size());
  EXPECT_NE(message.find("hint: use a URL starting with http:// or https://"), std::string::npos);
}

TEST(MatrixParser, ReportsProfileFileErrorsInThatFile) {
  std::string message = load_error("profile_file.yaml");
  const std::string file = kBad + "/profiles/broken-file.yaml";
  auto id = message.find(file +
                         ":1:5: error: profile id 'another-name' does not match its file "
                         "name 'broken-file.yaml'\n");
  auto required = message.find(file + ":4:1: error: unknown key 'required'\n");
  ASSERT_NE(id, std::string::npos) << message;
  ASSERT_NE(required, std::string::npos) << message;
  EXPECT_LT(id, required);  // top to bottom
  EXPECT_NE(message.find("hint: 'required' belongs on the matrix entry that names this profile"),
            std::string::npos);
  EXPECT_EQ(count(message, ": error: "), 2u);
}

// yaml-cpp gives up on line 5; the error points where the '[' opens.
TEST(MatrixParser, SyntaxErrorQuotesTheLineWhereTheUnclosedBracketOpens) {
  EXPECT_EQ(load_error("syntax_error.yaml"),
            kBad +
                "/syntax_error.yaml:4:15: error: '[' opened here is never closed; add the "
                "closing ']'\n"
                "    4 |     required: [true\n"
                "      |               ^\n"
                "hint: the parser got to line 5, column 7 without finding it (end of sequence "
                "flow not found)");
}

TEST(MatrixParser, EmptyDocumentIsAnError) {
  EXPECT_EQ(load_error("empty.yaml"),
            kBad + "/empty.yaml: empty matrix; expected 'profiles:' with at least one entry");
}

TEST(MatrixParser, MissingFileIsInvalidInput) {
  std::string message = load_error("no-such-matrix.yaml");
  EXPECT_EQ(message, "cannot read " + kBad + "/no-such-matrix.yaml: No such file or directory");
}

}  // namespace
}  // namespace bpfcompat::config
