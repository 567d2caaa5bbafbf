// report compare across renamed cases: paired by the same artifact sha256, or by --rename.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/report/compare.h"
#include "sample_run.h"

namespace bpfcompat::report {
namespace {

using classify::Status;

// The report as if the artifact (and so its `test` case) had another file name.
RunReport renamed(RunReport r, const std::string& from, const std::string& to) {
  for (auto& a : r.artifacts) {
    if (a.name == from) a.name = to;
  }
  for (auto& c : r.cases) {
    if (c.name == from) c.name = to;
    if (c.artifact == from) c.artifact = to;
  }
  for (auto& t : r.targets) {
    if (t.artifact == from) t.artifact = to;
  }
  return r;
}

TEST(CompareRenames, SameSha256IsTheSameCaseNotRemovedAndAdded) {
  RunReport base = testing::sample_run();
  RunReport head = renamed(base, "loop.bpf.o", "loop-v2.bpf.o");
  auto c = compare_reports(base, head);
  ASSERT_TRUE(c) << c.error().describe();
  EXPECT_EQ(c->added, 0);
  EXPECT_EQ(c->removed, 0);
  EXPECT_EQ(c->required_regressions, 0);
  ASSERT_EQ(c->targets.size(), 6u);
  EXPECT_EQ(c->targets[0].case_name, "loop-v2.bpf.o");
  EXPECT_EQ(c->targets[0].base_case_name, "loop.bpf.o");
  EXPECT_EQ(c->targets[0].change, Change::kUnchanged);
  EXPECT_EQ(c->targets[3].base_case_name, "");  // freplace.bpf.o kept its name
  ASSERT_EQ(c->renamed.size(), 1u);
  EXPECT_EQ(c->renamed[0].base, "loop.bpf.o");
  EXPECT_EQ(c->renamed[0].head, "loop-v2.bpf.o");
  EXPECT_EQ(c->renamed[0].source, RenameSource::kSameArtifact);
  std::string md = comparison_markdown(*c);
  EXPECT_NE(md.find("- loop.bpf.o → loop-v2.bpf.o (same sha256)\n"), std::string::npos) << md;
  EXPECT_NE(md.find("0 added · 0 removed · 6 unchanged · 1 renamed\n"), std::string::npos) << md;
  EXPECT_NE(md.find("No target changed.\n"), std::string::npos) << md;
  auto j = nlohmann::json::parse(comparison_json(*c));
  EXPECT_EQ(j["summary"]["renamed"], 1);
  EXPECT_EQ(j["renamed"][0]["by"], "same sha256");
  EXPECT_EQ(j["targets"][0]["base_case"], "loop.bpf.o");
  EXPECT_TRUE(j["targets"][3]["base_case"].is_null());
}

TEST(CompareRenames, OtherSha256IsRemovedAndAddedUnlessRenamedExplicitly) {
  RunReport base = testing::sample_run();
  RunReport head = renamed(base, "loop.bpf.o", "loop-v2.bpf.o");
  head.artifacts[0].sha256 = std::string(64, 'a');  // rebuilt as well as renamed
  head.targets[1].verdict = {};                     // debian-12 now fails
  head.targets[1].verdict.status = Status::kFail;
  head.targets[1].verdict.code = "VERIFIER_REJECTION";
  auto plain = compare_reports(base, head);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->added, 3);
  EXPECT_EQ(plain->removed, 3);
  EXPECT_TRUE(plain->renamed.empty());

  auto mapped = compare_reports(base, head, {{"loop.bpf.o", "loop-v2.bpf.o"}});
  ASSERT_TRUE(mapped) << mapped.error().describe();
  EXPECT_EQ(mapped->added + mapped->removed, 0);
  EXPECT_EQ(mapped->regressed, 1);
  EXPECT_EQ(mapped->required_regressions, 1);  // a regression is not hidden by the rename
  ASSERT_EQ(mapped->renamed.size(), 1u);
  EXPECT_EQ(mapped->renamed[0].source, RenameSource::kExplicit);
  std::string md = comparison_markdown(*mapped);
  EXPECT_NE(md.find("| debian-12 | loop-v2.bpf.o (renamed from loop.bpf.o) | yes | ✅ pass | ❌ "
                    "fail [VERIFIER_REJECTION] | **regressed (required)** |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- loop.bpf.o → loop-v2.bpf.o (--rename)\n"), std::string::npos) << md;
}

// Two suite cases run the same object (with other manifests): which is which is unknown.
TEST(CompareRenames, AmbiguousSha256IsNotGuessed) {
  RunReport base = testing::sample_run();
  base.cases[1].artifact = "loop.bpf.o";
  RunReport head = base;
  for (auto& c : head.cases) c.name += "-v2";
  for (auto& t : head.targets) t.artifact += "-v2";
  auto c = compare_reports(base, head);
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->renamed.empty());
  EXPECT_EQ(c->added, 6);
  EXPECT_EQ(c->removed, 6);
}

TEST(CompareRenames, ArtifactNameStandsForItsOnlyCase) {
  RunReport base = testing::sample_run();
  base.cases[0].name = "loops";
  for (auto& t : base.targets) {
    if (t.artifact == "loop.bpf.o") t.artifact = "loops";
  }
  RunReport head = renamed(base, "loops", "loop-case");
  head.artifacts[0].sha256 = std::string(64, 'b');
  auto c = compare_reports(base, head, {{"loop.bpf.o", "loop-case"}});
  ASSERT_TRUE(c) << c.error().describe();
  ASSERT_EQ(c->renamed.size(), 1u);
  EXPECT_EQ(c->renamed[0].base, "loops");
  EXPECT_EQ(c->added + c->removed, 0);
}

TEST(CompareRenames, BadRenamesAreAllReportedAtOnce) {
  RunReport r = testing::sample_run();
  auto c = compare_reports(r, r, {{"nope.bpf.o", "gone.bpf.o"}});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().kind, ErrorKind::kInvalidInput);
  std::string text = c.error().describe();
  EXPECT_NE(text.find("--rename nope.bpf.o=gone.bpf.o: the base report has no case or artifact "
                      "'nope.bpf.o'"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("the head report has no case or artifact 'gone.bpf.o'"), std::string::npos)
      << text;
  EXPECT_NE(text.find("its cases: loop.bpf.o, freplace.bpf.o"), std::string::npos) << text;

  auto twice =
      compare_reports(r, r, {{"loop.bpf.o", "freplace.bpf.o"}, {"loop.bpf.o", "loop.bpf.o"}});
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().describe().find("already renamed"), std::string::npos);
}

TEST(CompareRenames, ParsesOldEqualsNew) {
  auto ok = parse_case_rename("a.bpf.o=b.bpf.o");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->base, "a.bpf.o");
  EXPECT_EQ(ok->head, "b.bpf.o");
  for (const char* bad : {"a.bpf.o", "=b", "a=", "a=b=c"}) {
    auto r = parse_case_rename(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
    EXPECT_NE(r.error().message.find("not OLD=NEW"), std::string::npos);
  }
}

}  // namespace
}  // namespace bpfcompat::report
