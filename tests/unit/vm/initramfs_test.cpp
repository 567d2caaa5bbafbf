#include "bpfcompat/vm/initramfs.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <array>
#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"

namespace bpfcompat::vm {
namespace {

struct Entry {
  unsigned type = 0;
  unsigned perm = 0;
  std::string content;
  dev_t rdev = 0;
};

// Reads an initramfs back with libarchive: name (without leading slash) → entry.
std::map<std::string, Entry> read_back(const std::string& path) {
  std::map<std::string, Entry> entries;
  struct archive* a = archive_read_new();
  archive_read_support_format_cpio(a);
  archive_read_support_filter_all(a);
  EXPECT_EQ(archive_read_open_filename(a, path.c_str(), 65536), ARCHIVE_OK);
  archive_entry* e = nullptr;
  while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
    Entry entry{static_cast<unsigned>(archive_entry_filetype(e)),
                static_cast<unsigned>(archive_entry_perm(e)),
                {},
                archive_entry_rdev(e)};
    std::array<char, 4096> buf{};
    la_ssize_t n = 0;
    while ((n = archive_read_data(a, buf.data(), buf.size())) > 0) {
      entry.content.append(buf.data(), static_cast<std::size_t>(n));
    }
    entries[archive_entry_pathname(e)] = entry;
  }
  archive_read_free(a);
  return entries;
}

class InitramfsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::create("initramfs-test");
    ASSERT_TRUE(d);
    dir_.emplace(std::move(*d));
    ASSERT_TRUE(write_file_atomic(path("validator"),
                                  "\x7f"
                                  "ELF validator"));
    ASSERT_TRUE(write_file_atomic(path("a.o"), "object a"));
    ASSERT_TRUE(write_file_atomic(path("m.ko"), "module"));
    spec_.validator = path("validator");
    spec_.args = {"--results", "/dev/ttyS1", "/bpfcompat/a/0.o"};
    spec_.files = {{"/bpfcompat/a/0.o", path("a.o"), 0644},
                   {"/lib/modules/6.1.0/kernel/m.ko", path("m.ko"), 0600}};
  }
  std::string path(const std::string& name) const { return dir_->path() + "/" + name; }

  std::optional<TempDir> dir_;
  InitramfsSpec spec_;
};

TEST_F(InitramfsTest, ContainsInitArgsFilesAndConsole) {
  ASSERT_TRUE(build_initramfs(spec_, path("initrd")));
  auto entries = read_back(path("initrd"));
  ASSERT_EQ(entries.count("init"), 1u);
  EXPECT_EQ(entries["init"].type, static_cast<unsigned>(AE_IFREG));
  EXPECT_EQ(entries["init"].perm, 0755u);
  EXPECT_EQ(entries["init"].content,
            "\x7f"
            "ELF validator");
  EXPECT_EQ(entries["etc/bpfcompat/args"].content, "--results\n/dev/ttyS1\n/bpfcompat/a/0.o\n");
  EXPECT_EQ(entries["bpfcompat/a/0.o"].content, "object a");
  EXPECT_EQ(entries["bpfcompat/a/0.o"].perm, 0644u);
  EXPECT_EQ(entries["lib/modules/6.1.0/kernel/m.ko"].perm, 0600u);
  ASSERT_EQ(entries.count("dev/console"), 1u);
  EXPECT_EQ(entries["dev/console"].type, static_cast<unsigned>(AE_IFCHR));
  EXPECT_EQ(major(entries["dev/console"].rdev), 5u);
  EXPECT_EQ(minor(entries["dev/console"].rdev), 1u);
}

TEST_F(InitramfsTest, CreatesMountPointsAndEveryParentDirectory) {
  ASSERT_TRUE(build_initramfs(spec_, path("initrd")));
  auto entries = read_back(path("initrd"));
  for (const char* d :
       {"dev", "proc", "sys", "tmp", "etc", "etc/bpfcompat", "bpfcompat", "bpfcompat/a", "lib",
        "lib/modules", "lib/modules/6.1.0", "lib/modules/6.1.0/kernel"}) {
    ASSERT_EQ(entries.count(d), 1u) << d;
    EXPECT_EQ(entries[d].type, static_cast<unsigned>(AE_IFDIR)) << d;
  }
  EXPECT_EQ(entries["tmp"].perm, 01777u);
}

TEST_F(InitramfsTest, SameInputGivesIdenticalBytes) {
  ASSERT_TRUE(build_initramfs(spec_, path("one")));
  ASSERT_TRUE(build_initramfs(spec_, path("two")));
  EXPECT_EQ(*read_file(path("one")), *read_file(path("two")));
}

TEST_F(InitramfsTest, MissingInputNamesTheFileAndLeavesNoOutput) {
  spec_.files.push_back({"/bpfcompat/b/0.o", path("missing.o"), 0644});
  auto built = build_initramfs(spec_, path("initrd"));
  ASSERT_FALSE(built);
  EXPECT_NE(built.error().message.find(path("missing.o")), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(path("initrd")));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_->path()), {}), 3);
}

TEST_F(InitramfsTest, FailureKeepsThePreviousOutputIntact) {
  ASSERT_TRUE(build_initramfs(spec_, path("initrd")));
  auto before = read_file(path("initrd"));
  spec_.validator = path("missing-validator");
  ASSERT_FALSE(build_initramfs(spec_, path("initrd")));
  EXPECT_EQ(*read_file(path("initrd")), *before);
}

TEST_F(InitramfsTest, RejectsBadGuestPaths) {
  for (const char* bad : {"relative/x.o", "/a/../x.o", "/a//x.o", "/a/./x.o", "/", "/init",
                          "/etc/bpfcompat/args", "/dev/console", "/bpfcompat/a/0.o"}) {
    InitramfsSpec spec = spec_;
    spec.files.push_back({bad, path("a.o"), 0644});
    auto built = build_initramfs(spec, path("initrd"));
    ASSERT_FALSE(built) << bad;
    EXPECT_EQ(built.error().kind, ErrorKind::kInvalidInput) << bad;
  }
}

TEST_F(InitramfsTest, RejectsFileThatIsAlsoADirectory) {
  spec_.files.push_back({"/bpfcompat/a", path("a.o"), 0644});
  ASSERT_FALSE(build_initramfs(spec_, path("initrd")));
}

}  // namespace
}  // namespace bpfcompat::vm
