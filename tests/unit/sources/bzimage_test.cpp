#include "bzimage.h"

#include <cstring>

#include <gtest/gtest.h>

namespace bpfcompat::sources {
namespace {

// A synthetic setup header: "HdrS" at 0x202, kernel_version at 0x20E → string at 0x200 + value.
std::string header_with(const std::string& version, std::size_t at = 0x1000) {
  std::string buf(0x2000, '\0');
  std::memcpy(&buf[0x202], "HdrS", 4);
  std::size_t value = at - 0x200;
  buf[0x20E] = static_cast<char>(value & 0xff);
  buf[0x20F] = static_cast<char>(value >> 8);
  std::memcpy(&buf[at], version.data(), version.size());
  return buf;
}

TEST(BzImage, ReadsReleaseFromSetupHeader) {
  auto r = bzimage_release(
      header_with("6.1.0-50-cloud-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC"),
      "vmlinuz");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "6.1.0-50-cloud-amd64");
}

TEST(BzImage, RejectsFileWithoutHeader) {
  auto r = bzimage_release(std::string(0x1000, '\0'), "vmlinuz");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("not a bzImage"), std::string::npos);
}

TEST(BzImage, RejectsPointerPastTheData) {
  std::string buf = header_with("x", 0x1000);
  buf.resize(0x800);
  EXPECT_FALSE(bzimage_release(buf, "vmlinuz"));
}

TEST(BzImage, RejectsElfFile) {
  auto r = bzimage_release_of_file(std::string(BPFCOMPAT_TEST_DATA) +
                                   "/sources/modules/9.9.9-test/kernel/lib/c-mod.ko");
  EXPECT_FALSE(r);  // an ELF file, not a bzImage
}

}  // namespace
}  // namespace bpfcompat::sources
