// Helper names from linux/bpf.h, the GPL-only table, the kernel's GPL-compatible licenses.
#include "bpfcompat/inspect/helper_table.h"

#include <gtest/gtest.h>

namespace bpfcompat::inspect {
namespace {

TEST(HelperTable, NamesByIdFromTheUapiHeaderAndTheTail) {
  EXPECT_EQ(helper_name(1), "bpf_map_lookup_elem");
  EXPECT_EQ(helper_name(12), "bpf_tail_call");
  EXPECT_EQ(helper_name(181), "bpf_loop");
  EXPECT_EQ(helper_name(209), "bpf_user_ringbuf_drain");
  EXPECT_EQ(helper_name(210), "bpf_cgrp_storage_get");
  EXPECT_EQ(helper_name(211), "bpf_cgrp_storage_delete");
  EXPECT_EQ(known_helper_count(), 212);
  EXPECT_EQ(helper_name(212), "helper#212");
  EXPECT_EQ(helper_name(0), "helper#0");
  EXPECT_EQ(helper_name(-1), "helper#-1");
}

TEST(HelperTable, GplOnlyHelpers) {
  for (int id : {6, 4, 35, 113, 112, 165, 169, 25, 67}) {  // trace_printk, probe_read, ...
    EXPECT_TRUE(helper_gpl_only(id)) << helper_name(id);
  }
  for (int id : {1, 2, 12, 14, 181, 130, 210}) {  // map ops, tail_call, pid_tgid, loop, ringbuf
    EXPECT_FALSE(helper_gpl_only(id)) << helper_name(id);
  }
  EXPECT_FALSE(helper_gpl_only(5000));
}

TEST(HelperTable, GplCompatibleLicensesAreTheKernelsList) {
  for (const char* l : {"GPL", "GPL v2", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL",
                        "GPL and additional rights"}) {
    EXPECT_TRUE(license_is_gpl_compatible(l)) << l;
  }
  for (const char* l : {"", "MIT", "BSD", "gpl", "Proprietary"}) {
    EXPECT_FALSE(license_is_gpl_compatible(l)) << l;
  }
}

}  // namespace
}  // namespace bpfcompat::inspect
