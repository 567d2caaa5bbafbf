// The profile's external BTF in the guest: the file at its guest path and `--btf` naming it, or
// nothing at all without one.
#include <gtest/gtest.h>

#include "target_stages.h"

namespace bpfcompat::app {
namespace {

TEST(AddExternalBtf, ShipsTheFileAndPassesItsGuestPath) {
  std::vector<vm::GuestFile> files;
  std::vector<std::string> args = {"--case-timeout", "30"};
  add_external_btf("/cache/blobs/sha256/ab", "/bpfcompat/vmlinux.btf", files, args);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].guest_path, "/bpfcompat/vmlinux.btf");
  EXPECT_EQ(files[0].host_path, "/cache/blobs/sha256/ab");
  EXPECT_EQ(files[0].mode, 0644u);
  EXPECT_EQ(args,
            (std::vector<std::string>{"--case-timeout", "30", "--btf", "/bpfcompat/vmlinux.btf"}));
}

TEST(AddExternalBtf, WithoutOneNothingChanges) {
  std::vector<vm::GuestFile> files;
  std::vector<std::string> args = {"--case-timeout", "30"};
  add_external_btf("", "/bpfcompat/vmlinux.btf", files, args);
  EXPECT_TRUE(files.empty());
  EXPECT_EQ(args.size(), 2u);
}

}  // namespace
}  // namespace bpfcompat::app
