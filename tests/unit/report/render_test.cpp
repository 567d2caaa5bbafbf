// render (pure: a report → the requested files' bytes) and write_rendered (all or nothing).
#include "bpfcompat/report/render.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"
#include "bpfcompat/report/outputs.h"
#include "sample_run.h"

namespace bpfcompat::report {
namespace {

namespace fs = std::filesystem;

TEST(Render, RendersEachRequestedOutputInOrderWithoutTouchingTheFilesystem) {
  RunReport r = testing::sample_run();
  OutputRequest req{"/nonexistent/r.json", "/nonexistent/r.md",       "/nonexistent/r.xml",
                    "/nonexistent/r.html", "/nonexistent/summary.md", 10};
  auto files = render(r, req);
  ASSERT_EQ(files.size(), 5u);
  EXPECT_EQ(files[0].kind, OutputKind::kJson);
  EXPECT_EQ(files[0].path, "/nonexistent/r.json");
  EXPECT_EQ(files[0].bytes, to_json(r));
  EXPECT_EQ(files[1].kind, OutputKind::kMarkdown);
  EXPECT_EQ(files[1].bytes, to_markdown(r));
  EXPECT_EQ(files[2].kind, OutputKind::kJunit);
  EXPECT_EQ(files[2].bytes, to_junit(r));
  EXPECT_EQ(files[3].kind, OutputKind::kHtml);
  EXPECT_EQ(files[3].bytes, to_html(r));
  EXPECT_EQ(files[4].kind, OutputKind::kJobSummary);
  EXPECT_EQ(files[4].path, "/nonexistent/summary.md");
  EXPECT_EQ(files[4].bytes, to_job_summary(r, 10));
  EXPECT_FALSE(fs::exists("/nonexistent"));
}

TEST(Render, OnlyWhatWasRequestedAndTheJobSummaryHonoursMaxFailures) {
  RunReport r = testing::sample_run();
  EXPECT_TRUE(render(r, {}).empty());
  OutputRequest req;
  req.junit = "j.xml";
  req.job_summary = "s.md";
  req.max_failures = 0;
  auto files = render(r, req);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].kind, OutputKind::kJunit);
  EXPECT_EQ(files[1].bytes, to_job_summary(r, 0));
  EXPECT_NE(files[1].bytes, to_job_summary(r, 10));
}

class WriteRendered : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::create("write-rendered-test");
    ASSERT_TRUE(d);
    dir_ = std::make_unique<TempDir>(std::move(*d));
  }
  std::string path(const std::string& name) const { return dir_->path() + "/" + name; }
  std::string read(const std::string& name) const { return read_file(path(name)).value_or(""); }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir_->path()), {}));
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(WriteRendered, ReplacesFilesAndAppendsTheJobSummary) {
  ASSERT_TRUE(write_file_atomic(path("r.json"), "old report"));
  ASSERT_TRUE(write_file_atomic(path("summary.md"), "earlier step\n"));
  auto w = write_rendered({{OutputKind::kJson, path("r.json"), "{}\n"},
                           {OutputKind::kMarkdown, path("sub/r.md"), "# md\n"},
                           {OutputKind::kJobSummary, path("summary.md"), "## bpfcompat\n"}});
  ASSERT_TRUE(w) << w.error().describe();
  EXPECT_EQ(read("r.json"), "{}\n");
  EXPECT_EQ(read("sub/r.md"), "# md\n");
  EXPECT_EQ(read("summary.md"), "earlier step\n## bpfcompat\n");
  EXPECT_EQ(entries(), 3u);  // r.json, sub, summary.md: no temp file left
}

// One output that cannot be written: no output changes, no temp file stays, nothing is appended.
TEST_F(WriteRendered, AFailedWriteChangesNothing) {
  ASSERT_TRUE(write_file_atomic(path("r.json"), "old report"));
  ASSERT_TRUE(write_file_atomic(path("a-file"), "x"));
  ASSERT_TRUE(write_file_atomic(path("summary.md"), "earlier step\n"));
  auto w = write_rendered({{OutputKind::kJson, path("r.json"), "{}\n"},
                           {OutputKind::kJunit, path("a-file/r.xml"), "<x/>"},
                           {OutputKind::kJobSummary, path("summary.md"), "## bpfcompat\n"}});
  ASSERT_FALSE(w);
  EXPECT_EQ(w.error().kind, ErrorKind::kInfrastructure);
  EXPECT_NE(w.error().message.find("cannot write " + path("a-file/r.xml")), std::string::npos)
      << w.error().describe();
  EXPECT_FALSE(w.error().hint.empty());
  EXPECT_EQ(read("r.json"), "old report");
  EXPECT_EQ(read("summary.md"), "earlier step\n");
  EXPECT_EQ(entries(), 3u);
}

TEST_F(WriteRendered, AFailedAppendNamesTheFile) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  auto w = write_rendered({{OutputKind::kJobSummary, "/dev/full", "## bpfcompat\n"}});
  ASSERT_FALSE(w);
  EXPECT_NE(w.error().describe().find("cannot write /dev/full"), std::string::npos)
      << w.error().describe();
}

}  // namespace
}  // namespace bpfcompat::report
