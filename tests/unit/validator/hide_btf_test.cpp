// The hide_btf test knob is one whole word of the kernel command line, nothing like it.
#include <gtest/gtest.h>

extern "C" {
#include "btf_external.h"
}

TEST(HideBtfKnob, IsAWholeWordOfTheCommandLine) {
  EXPECT_TRUE(btf_cmdline_hides("bpfcompat.hide_btf=1"));
  EXPECT_TRUE(btf_cmdline_hides("console=ttyS0 panic=-1 bpfcompat.hide_btf=1\n"));
  EXPECT_TRUE(btf_cmdline_hides("bpfcompat.hide_btf=1 quiet"));
  EXPECT_FALSE(btf_cmdline_hides("console=ttyS0 panic=-1\n"));
  EXPECT_FALSE(btf_cmdline_hides("bpfcompat.hide_btf=10"));
  EXPECT_FALSE(btf_cmdline_hides("bpfcompat.hide_btf=0"));
  EXPECT_FALSE(btf_cmdline_hides("xbpfcompat.hide_btf=1"));
  EXPECT_FALSE(btf_cmdline_hides(""));
}

TEST(ExternalBtf, PathIsWhatWasSet) {
  EXPECT_EQ(btf_external_path(), nullptr);
  btf_external_set("/bpfcompat/vmlinux.btf");
  EXPECT_STREQ(btf_external_path(), "/bpfcompat/vmlinux.btf");
  btf_external_set(nullptr);
  EXPECT_EQ(btf_external_path(), nullptr);
}
