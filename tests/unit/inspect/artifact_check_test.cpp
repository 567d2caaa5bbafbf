// check_artifact and elf_linkage (moved here from app, which had no unit tests for them).
#include "bpfcompat/inspect/artifact_check.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "bpfcompat/inspect/elf_linkage.h"

namespace bpfcompat::inspect {
namespace {

namespace fs = std::filesystem;

const std::string kNormal = std::string(BPFCOMPAT_INSPECT_OBJECTS) + "/normal.bpf.o";

fs::path scratch(const std::string& name, const std::string& content) {
  auto p = fs::temp_directory_path() / ("inspect_artifact_" + name);
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

TEST(CheckArtifact, GoodObject) {
  auto a = check_artifact(kNormal);
  ASSERT_TRUE(a) << a.error().describe();
  EXPECT_EQ(a->name, "normal.bpf.o");
  EXPECT_TRUE(fs::path(a->path).is_absolute());
  EXPECT_EQ(a->sha256.size(), 64u);
}

TEST(CheckArtifact, MissingDirectoryNotElfAndTruncated) {
  auto missing = check_artifact("/nonexistent.bpf.o");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(missing.error().message.find("no such file"), std::string::npos);

  auto dir = check_artifact(fs::temp_directory_path().string());
  ASSERT_FALSE(dir);
  EXPECT_NE(dir.error().message.find("is a directory"), std::string::npos);

  auto text = scratch("text.bpf.o", "hello\n");
  auto not_elf = check_artifact(text.string());
  ASSERT_FALSE(not_elf);
  EXPECT_NE(not_elf.error().message.find("not an ELF file"), std::string::npos);

  std::ifstream in(kNormal, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto cut = scratch("cut.bpf.o", data.substr(0, data.size() / 2));
  auto truncated = check_artifact(cut.string());
  ASSERT_FALSE(truncated);
  EXPECT_NE(truncated.error().message.find("truncated ELF file"), std::string::npos);
  fs::remove(text);
  fs::remove(cut);
}

TEST(ElfLinkage, StaticDynamicAndNotElf) {
  auto obj = elf_linkage(kNormal);  // no program headers, so no PT_INTERP
  ASSERT_TRUE(obj);
  EXPECT_EQ(*obj, ElfLinkage::kStatic);
  auto self = elf_linkage("/proc/self/exe");  // this test binary links libstdc++ dynamically
  ASSERT_TRUE(self);
  EXPECT_EQ(*self, ElfLinkage::kDynamic);
  auto text = scratch("script.sh", "#!/bin/sh\n");
  auto script = elf_linkage(text.string());
  fs::remove(text);
  ASSERT_TRUE(script);
  EXPECT_EQ(*script, ElfLinkage::kNotElf);
}

}  // namespace
}  // namespace bpfcompat::inspect
