#include "bpfcompat/core/file_io.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "bpfcompat/core/temp_dir.h"

namespace bpfcompat {
namespace {

TEST(FileIo, AtomicWriteThenRead) {
  auto dir = TempDir::create("fileio");
  ASSERT_TRUE(dir);
  std::string path = dir->path() + "/sub/x.json";
  ASSERT_TRUE(write_file_atomic(path, "{}\n"));
  auto text = read_file(path);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "{}\n");
  // No temp file left beside it.
  int n = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir->path() + "/sub")) ++n;
  EXPECT_EQ(n, 1);
}

TEST(FileIo, ReadRefusesOversizedFile) {
  auto dir = TempDir::create("fileio");
  ASSERT_TRUE(dir);
  ASSERT_TRUE(write_file_atomic(dir->path() + "/big", std::string(100, 'x')));
  auto r = read_file(dir->path() + "/big", 10);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("larger than"), std::string::npos);
}

TEST(TempDir, RemovedOnDestruction) {
  std::string path;
  {
    auto dir = TempDir::create("tmpdir");
    ASSERT_TRUE(dir);
    path = dir->path();
    ASSERT_TRUE(write_file_atomic(path + "/f", "x"));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace bpfcompat
