#include "unclosed_construct.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bpfcompat/config/manifest.h"
#include "bpfcompat/config/matrix.h"
#include "bpfcompat/config/suite.h"
#include "bpfcompat/core/temp_dir.h"
#include "support/text.h"

namespace bpfcompat::config {
namespace {

namespace fs = std::filesystem;

struct ScanCase {
  const char* yaml;
  char opener;  // 0: nothing is left open
  int line, column;
};

const std::vector<ScanCase> kScanCases = {
    {"name: [unclosed\n", '[', 1, 7},
    {"a: {b: 1\nc: 2\n", '{', 1, 4},
    {"a: \"x\nb: 3\n", '"', 1, 4},
    {"a: 'x\nb: 3\n", '\'', 1, 4},
    {"a: [1, {b: 2\n", '{', 1, 8},                 // the innermost
    {"a: [\"x, y]\nb: 1\n", '"', 1, 5},            // a quote inside a flow
    {"a: [1,\n  2]\nb: {c: [3]}\n", 0, 0, 0},      // closed, over two lines
    {"a: it's\nb: don't [x\n", 0, 0, 0},           // quotes and brackets inside plain scalars
    {"a: x # it's [\nb: 1\n", 0, 0, 0},            // comments
    {"a: \"x # [\"\n", 0, 0, 0},                   // not a comment inside quotes
    {"a: \"say \\\"hi\\\"\"\n", 0, 0, 0},          // escaped double quotes
    {"a: 'it''s'\n", 0, 0, 0},                     // '' inside single quotes
    {"a: |\n  echo \"hi\n  [x\nb: 1\n", 0, 0, 0},  // a block scalar
    {"- >-\n  it's \"open\n- {x: 1}\n", 0, 0, 0},
    {"a: |\n  ok\nb: [\n", '[', 3, 4},       // the scan resumes after a block scalar
    {"{\"a\":\"b\", 'c': [1]}\n", 0, 0, 0},  // JSON style
    {"a: &x [1]\nb: !!str 'q'\n", 0, 0, 0},  // anchors and tags
    {"# [\n---\na: 1\n...\n", 0, 0, 0},
};

TEST(UnclosedConstruct, FindsTheInnermostOpenConstructAndIgnoresTheRest) {
  for (const auto& c : kScanCases) {
    auto found = find_unclosed_construct(c.yaml);
    if (c.opener == 0) {
      EXPECT_FALSE(found) << c.yaml << "found '" << found->opener << "' at " << found->line << ":"
                          << found->column;
      continue;
    }
    ASSERT_TRUE(found) << c.yaml;
    EXPECT_EQ(found->opener, c.opener) << c.yaml;
    EXPECT_EQ(found->line, c.line) << c.yaml;
    EXPECT_EQ(found->column, c.column) << c.yaml;
  }
}

// No false alarm on any YAML file the project ships (matrices, profiles, suites, examples).
TEST(UnclosedConstruct, FindsNothingInTheShippedYamlFiles) {
  fs::path root = fs::path(BPFCOMPAT_TEST_DATA) / ".." / "..";
  std::size_t files = 0;
  for (const char* dir : {"matrices", "suites", "examples"}) {
    for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
      if (e.path().extension() != ".yaml") continue;
      std::ifstream in(e.path());
      std::stringstream text;
      text << in.rdbuf();
      auto found = find_unclosed_construct(text.str());
      EXPECT_FALSE(found) << e.path() << ":" << found->line << ":" << found->column;
      ++files;
    }
  }
  EXPECT_GT(files, 10u);
}

// Each kind of file reports an unclosed '[', '{' or quote on line 2 where it opens, with the fix,
// though the parser gives up at the end of the file (or, for a quote, not at all).
struct Opening {
  const char* text;  // the end of line 2
  const char* message;
};

const std::vector<Opening> kOpenings = {
    {"[unclosed", "'[' opened here is never closed; add the closing ']'"},
    {"{unclosed: 1", "'{' opened here is never closed; add the closing '}'"},
    {"\"unclosed", "'\"' opened here is never closed; add the closing '\"'"},
};

struct FileKind {
  const char* name;
  const char* before;  // line 1 and the start of line 2
  const char* after;   // the rest of the file, which would parse
  int column;          // where the construct opens on line 2
};

const std::vector<FileKind> kKinds = {
    {"matrix", "name: m\nprofiles: ", "\n# the end\n", 11},
    {"manifest", "name: m\nrequired_profiles: ", "\nprograms:\n  - name: p\n", 20},
    {"suite", "name: s\ndefaults: ", "\ncases:\n  - {name: c, artifact: a.bpf.o}\n", 11},
};

std::string load_error(const std::string& kind, const std::string& path) {
  if (kind == "matrix") {
    auto m = load_matrix(path);
    return m ? "" : m.error().message;
  }
  if (kind == "manifest") {
    auto m = load_manifest(path);
    return m ? "" : m.error().message;
  }
  auto s = load_suite(path);
  return s ? "" : s.error().message;
}

TEST(UnclosedConstruct, EveryFileKindPointsAtTheOpeningWithTheFix) {
  auto dir = TempDir::create("unclosed-test").value();
  testing::write_scratch(dir.path() + "/a.bpf.o", "x");
  for (const auto& kind : kKinds) {
    for (const auto& opening : kOpenings) {
      std::string path = dir.path() + "/" + kind.name + ".yaml";
      testing::write_scratch(path, std::string(kind.before) + opening.text + kind.after);
      std::string message = load_error(kind.name, path);
      std::string want =
          path + ":2:" + std::to_string(kind.column) + ": error: " + opening.message + "\n";
      EXPECT_EQ(message.rfind(want, 0), 0u)
          << kind.name << " " << opening.text << "\nwant: " << want << "got:  " << message;
      EXPECT_NE(message.find("\nhint: "), std::string::npos) << message;
      EXPECT_EQ(testing::count_occurrences(message, ": error: "), 1u) << message;
    }
  }
}

}  // namespace
}  // namespace bpfcompat::config
