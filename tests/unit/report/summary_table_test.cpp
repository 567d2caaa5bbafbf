#include <gtest/gtest.h>

#include "bpfcompat/report/report.h"
#include "sample_run.h"

namespace bpfcompat::report {
namespace {

TEST(SummaryTable, AlignsColumnsAndEndsWithCounts) {
  std::string table = to_summary_table(testing::sample_run(), false);
  EXPECT_EQ(
      table,
      "PROFILE                     KERNEL                 ARTIFACT        VERDICT  CODE       "
      "         TIME\n"
      "debian-11                   5.10.0-33-cloud-amd64  loop.bpf.o      fail     "
      "UNSUPPORTED_HELPER  5.0s\n"
      "debian-12                   6.1.0-28-cloud-amd64   loop.bpf.o      pass     -          "
      "         6.4s\n"
      "debian-unstable (optional)  -                      loop.bpf.o      error    "
      "BOOT_TIMEOUT        4m00s\n"
      "debian-11                   5.10.0-33-cloud-amd64  freplace.bpf.o  skipped  -          "
      "         5.0s\n"
      "debian-12                   6.1.0-28-cloud-amd64   freplace.bpf.o  skipped  -          "
      "         6.4s\n"
      "debian-unstable (optional)  -                      freplace.bpf.o  error    "
      "BOOT_TIMEOUT        4m00s\n"
      "1 of 6 targets compatible; required: 1 passed, 1 failed, 0 error; 2 skipped\n");
  EXPECT_EQ(table.find('\x1b'), std::string::npos);
}

TEST(SummaryTable, ColorsOnlyTheVerdictWhenAsked) {
  std::string table = to_summary_table(testing::sample_run(), true);
  EXPECT_NE(table.find("\x1b[31mfail\x1b[0m     UNSUPPORTED_HELPER"), std::string::npos);
  EXPECT_NE(table.find("\x1b[32mpass\x1b[0m"), std::string::npos);
  EXPECT_EQ(table.find("\x1b[", table.find("CODE")), table.find("\x1b[31m"));
}

TEST(SummaryTable, SaysWhenInterrupted) {
  RunReport r = testing::sample_run();
  r.interrupted = true;
  std::string table = to_summary_table(r, false);
  EXPECT_NE(table.find("; interrupted\n"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat::report
