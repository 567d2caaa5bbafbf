// `report compare` on two report files that differ only by a renamed artifact.
#include <gtest/gtest.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"
#include "support/run_bpfcompat.h"

namespace bpfcompat {
namespace {

using testing::run_bpfcompat;

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

class CompareRename : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::create("cli-compare");
    ASSERT_TRUE(d);
    dir_ = std::make_unique<TempDir>(std::move(*d));
    auto text = read_file(std::string(REPORT_DATA) + "/sample-run.json");
    ASSERT_TRUE(text);
    base_ = text.value();
    ASSERT_NE(base_.find("\"loop.bpf.o\""), std::string::npos);
    ASSERT_TRUE(write_file_atomic(path("base.json"), base_));
  }
  std::string path(const std::string& name) const { return dir_->path() + "/" + name; }
  void write_head(const std::string& text) const {
    ASSERT_TRUE(write_file_atomic(path("head.json"), text));
  }
  std::unique_ptr<TempDir> dir_;
  std::string base_;
};

TEST_F(CompareRename, SameObjectUnderANewNameIsRenamedNotRemovedAndExitsZero) {
  write_head(replace_all(base_, "loop.bpf.o", "loop-v2.bpf.o"));
  auto run = run_bpfcompat({"report", "compare", path("base.json"), path("head.json")});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("· 6 unchanged · 1 renamed"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("- loop.bpf.o → loop-v2.bpf.o (same sha256)"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("0 added · 0 removed"), std::string::npos) << run.output;
}

TEST_F(CompareRename, RebuiltAndRenamedNeedsRenameFlag) {
  std::string head = replace_all(base_, "loop.bpf.o", "loop-v2.bpf.o");
  head = replace_all(head, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                     std::string(64, 'c'));
  write_head(head);
  auto plain = run_bpfcompat({"report", "compare", path("base.json"), path("head.json")});
  EXPECT_EQ(plain.exit_code, 2) << plain.output;  // required loop.bpf.o targets disappeared
  EXPECT_NE(plain.output.find("3 added · 3 removed"), std::string::npos) << plain.output;

  auto mapped = run_bpfcompat({"report", "compare", "--rename", "loop.bpf.o=loop-v2.bpf.o",
                               path("base.json"), path("head.json")});
  EXPECT_EQ(mapped.exit_code, 0) << mapped.output;
  EXPECT_NE(mapped.output.find("- loop.bpf.o → loop-v2.bpf.o (--rename)"), std::string::npos)
      << mapped.output;
}

TEST_F(CompareRename, RenameOfAnUnknownCaseIsAUsageError) {
  write_head(base_);
  auto run = run_bpfcompat({"report", "compare", path("base.json"), path("head.json"), "--rename",
                            "nope.bpf.o=loop.bpf.o"});
  EXPECT_EQ(run.exit_code, 64) << run.output;
  EXPECT_NE(run.output.find("--rename nope.bpf.o=loop.bpf.o: the base report has no case or "
                            "artifact 'nope.bpf.o'"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("hint: its cases: loop.bpf.o, freplace.bpf.o"), std::string::npos)
      << run.output;
  auto bad = run_bpfcompat(
      {"report", "compare", path("base.json"), path("head.json"), "--rename", "just-a-name"});
  EXPECT_EQ(bad.exit_code, 64) << bad.output;
  EXPECT_NE(bad.output.find("--rename just-a-name: not OLD=NEW"), std::string::npos) << bad.output;
}

}  // namespace
}  // namespace bpfcompat
