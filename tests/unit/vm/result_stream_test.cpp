#include "result_stream.h"

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "bpfcompat/core/temp_dir.h"
#include "bpfcompat/core/unique_fd.h"
#include "file_tail.h"

namespace bpfcompat::vm {
namespace {

void append(const std::string& path, const std::string& text) {
  UniqueFd fd(open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  ASSERT_TRUE(fd);
  ASSERT_EQ(write(fd.get(), text.data(), text.size()), static_cast<ssize_t>(text.size()));
}

TEST(ResultStream, RecognisesEndRecord) {
  struct Case {
    std::string line;
    bool end;
  };
  for (const Case& c :
       {Case{R"({"type":"end"})", true}, Case{R"({"type":"end","programs":3})", true},
        Case{R"({"v":1, "type": "end"})", true}, Case{R"({"type":"program","name":"end"})", false},
        Case{R"({"type":"ending"})", false}}) {
    EXPECT_EQ(is_end_record(c.line), c.end) << c.line;
  }
}

TEST(ResultStream, WaitsForTheFileAndForACompleteEndLine) {
  auto dir = TempDir::create("result-stream-test");
  ASSERT_TRUE(dir);
  std::string path = dir->path() + "/results.jsonl";
  ResultStream stream(path);
  EXPECT_FALSE(stream.poll());  // not created yet
  append(path, "{\"type\":\"hello\"}\n{\"type\":\"en");
  EXPECT_FALSE(stream.poll());  // the end record is still partial
  append(path, "d\"}\n");
  EXPECT_TRUE(stream.poll());
  EXPECT_EQ(stream.text(), "{\"type\":\"hello\"}\n{\"type\":\"end\"}\n");
}

TEST(ResultStream, KeepsReadingAfterTheEndRecord) {
  auto dir = TempDir::create("result-stream-test");
  ASSERT_TRUE(dir);
  std::string path = dir->path() + "/results.jsonl";
  append(path, "{\"type\":\"end\"}\n");
  ResultStream stream(path);
  EXPECT_TRUE(stream.poll());
  append(path, "late\n");
  EXPECT_TRUE(stream.poll());
  EXPECT_EQ(stream.take_text(), "{\"type\":\"end\"}\nlate\n");
}

TEST(FileTail, ReturnsTheLastLines) {
  auto dir = TempDir::create("file-tail-test");
  ASSERT_TRUE(dir);
  std::string path = dir->path() + "/console.log";
  struct Case {
    std::string text;
    std::size_t lines;
    std::string expected;
  };
  for (const Case& c : {Case{"a\nb\nc\n", 2, "b\nc\n"}, Case{"a\nb\nc", 1, "c"},
                        Case{"a\nb\n", 5, "a\nb\n"}, Case{"", 3, ""}, Case{"a\n", 0, ""}}) {
    unlink(path.c_str());
    append(path, c.text);
    EXPECT_EQ(tail_lines(path, c.lines), c.expected) << c.text;
  }
  EXPECT_EQ(tail_lines(dir->path() + "/missing", 3), "");
}

TEST(FileTail, ReadsOnlyTheEndOfAHugeFile) {
  auto dir = TempDir::create("file-tail-test");
  ASSERT_TRUE(dir);
  std::string path = dir->path() + "/console.log";
  append(path, std::string(100000, 'x') + "\nlast line\n");
  EXPECT_EQ(tail_lines(path, 1, 64), "last line\n");
  EXPECT_EQ(tail_lines(path, 5, 16).size(), 16u);  // a partial first line, cut at max_bytes
}

}  // namespace
}  // namespace bpfcompat::vm
