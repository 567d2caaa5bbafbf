// "All problems at once": a file holding three problems gets three diagnostics, each with
// file:line:col and a hint; a suite's diagnostics include those of the matrices it names.
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

using testing::count_occurrences;
using testing::write_scratch;

// Every `heads` entry is in `message`, in order, and nothing else is: one hint per error.
void expect_exactly(const std::string& message, const std::vector<std::string>& heads) {
  std::size_t last = 0;
  for (const auto& head : heads) {
    auto at = message.find(head);
    ASSERT_NE(at, std::string::npos) << head << "\nin:\n" << message;
    EXPECT_GE(at, last) << "out of order: " << head;
    last = at;
  }
  EXPECT_EQ(count_occurrences(message, ": error: "), heads.size()) << message;
  EXPECT_EQ(count_occurrences(message, "\nhint: "), heads.size()) << message;
}

class AllProblems : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& text) {
    write_scratch(dir_.path() + "/" + name, text);
    return dir_.path() + "/" + name;
  }
  TempDir dir_ = TempDir::create("all-problems").value();
};

TEST_F(AllProblems, MatrixReportsItsThreeProblemsTogether) {
  std::string path = write("m.yaml",
                           "profiles:\n"
                           "  - id: debain-12\n"
                           "  - id: debian-13\n"
                           "    requird: true\n"
                           "  - id: debian-11\n"
                           "    required: yes\n");
  auto m = load_matrix(path);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().kind, ErrorKind::kInvalidInput);
  expect_exactly(m.error().message, {path + ":2:9: error: unknown profile 'debain-12'",
                                     path + ":4:5: error: unknown key 'requird'",
                                     path + ":6:15: error: 'required' must be true or false"});
}

TEST_F(AllProblems, ManifestReportsItsThreeProblemsTogether) {
  std::string path = write("m.yaml",
                           "nmae: x\n"
                           "maps:\n"
                           "  - name: stacks\n"
                           "    value_size: 0\n"
                           "programs:\n"
                           "  - name: p\n"
                           "    attach: {kind: tracepiont}\n");
  auto m = load_manifest(path);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().kind, ErrorKind::kInvalidInput);
  expect_exactly(m.error().message,
                 {path + ":1:1: error: unknown key 'nmae'",
                  path + ":4:17: error: 'value_size' must be a positive integer, got '0'",
                  path + ":7:20: error: in program 'p' → attach: unknown attach kind"});
}

// Three invalid cases and an unknown profile in the matrix they use: four problems, one error.
TEST_F(AllProblems, SuiteReportsEveryInvalidCaseAndTheUnknownProfileOfItsMatrix) {
  write("a.bpf.o", "x");
  std::string matrix = write("fleet.yaml", "profiles:\n  - id: debain-12\n");
  std::string path = write("s.yaml",
                           "name: s\n"
                           "defaults: {matrix: fleet.yaml}\n"
                           "cases:\n"
                           "  - {name: a, artifact: missing.bpf.o}\n"
                           "  - {name: b, artifact: a.bpf.o, mode: load_everything}\n"
                           "  - {name: c, artifact: a.bpf.o, out: c.json}\n");
  auto s = load_suite(path);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kInvalidInput);
  expect_exactly(s.error().message,
                 {path + ":4:25: error: artifact of case 'a' not found",
                  path + ":5:40: error: unknown mode 'load_everything'",
                  path + ":6:34: error: per-case out is not supported; use --out on the suite run",
                  matrix + ":2:9: error: unknown profile 'debain-12'"});
}

TEST_F(AllProblems, SuiteComesWithTheMatricesItNamesLoaded) {
  write("a.bpf.o", "x");
  std::string matrix = write("fleet.yaml", "profiles: [debian-12]\n");
  write("other.yaml", "profiles: [debian-13]\n");
  std::string path = write("s.yaml",
                           "name: s\n"
                           "defaults: {matrix: fleet.yaml}\n"
                           "cases:\n"
                           "  - {name: a, artifact: a.bpf.o}\n"
                           "  - {name: b, artifact: a.bpf.o, matrix: other.yaml}\n"
                           "  - {name: c, artifact: a.bpf.o, matrix: ./fleet.yaml}\n");
  auto s = load_suite(path);
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_EQ(s->matrices.size(), 2u);  // fleet.yaml once
  EXPECT_EQ(s->matrices[0].path, matrix);
  EXPECT_EQ(s->matrices[0].entries.at(0).profile.id, "debian-12");
  EXPECT_EQ(s->matrices[1].path, dir_.path() + "/other.yaml");
  EXPECT_EQ(s->cases[1].matrix_path, s->matrices[1].path);
}

}  // namespace
}  // namespace bpfcompat::config
