#include <gtest/gtest.h>

#include "bpfcompat/report/report.h"
#include "sample_run.h"

namespace bpfcompat::report {
namespace {

TEST(SummaryTable, AlignsColumnsExplainsFailuresAndEndsWithCounts) {
  std::string table = to_summary_table(testing::sample_run(), false);
  EXPECT_EQ(
      table,
      "PROFILE                     DISTRO           KERNEL                 ARTIFACT        "
      "VERDICT  CODE                TIME\n"
      "debian-11                   Debian 11        5.10.0-33-cloud-amd64  loop.bpf.o      "
      "fail     UNSUPPORTED_HELPER  5.0s\n"
      "debian-12                   Debian 12        6.1.0-28-cloud-amd64   loop.bpf.o      "
      "pass     -                   6.4s\n"
      "debian-unstable (optional)  Debian unstable  -                      loop.bpf.o      "
      "error    BOOT_TIMEOUT        4m00s\n"
      "debian-11                   Debian 11        5.10.0-33-cloud-amd64  freplace.bpf.o  "
      "skipped  -                   5.0s\n"
      "debian-12                   Debian 12        6.1.0-28-cloud-amd64   freplace.bpf.o  "
      "skipped  -                   6.4s\n"
      "debian-unstable (optional)  Debian unstable  -                      freplace.bpf.o  "
      "error    BOOT_TIMEOUT        4m00s\n"
      "\n"
      "loop.bpf.o on debian-11: program 'count_loops': bpf_loop is not available to "
      "BPF_PROG_TYPE_TRACEPOINT programs on Linux 5.10.0-33-cloud-amd64\n"
      "  evidence: number of funcs in func_info doesn't match number of subprogs\n"
      "  fix: bpf_loop needs Linux 5.17 or newer. Ship a variant for older kernels that uses a "
      "loop with a constant bound (verified since 5.3) instead, chosen at load time with "
      "libbpf_probe_bpf_helper(BPF_PROG_TYPE_TRACEPOINT, BPF_FUNC_loop).\n"
      "\n"
      "loop.bpf.o on debian-unstable: the guest did not finish within the timeout\n"
      "  evidence: [    2.611742] Run /init as init process\n"
      "  fix: Raise --timeout (emulation without KVM is several times slower), and read "
      "serial.log for where the guest stopped.\n"
      "\n"
      "freplace.bpf.o on debian-unstable: the guest did not finish within the timeout\n"
      "  evidence: [    2.611742] Run /init as init process\n"
      "  fix: Raise --timeout (emulation without KVM is several times slower), and read "
      "serial.log for where the guest stopped.\n"
      "\n"
      "1 of 6 targets compatible; required: 1 passed, 1 failed, 0 error; 2 skipped\n");
  EXPECT_EQ(table.find('\x1b'), std::string::npos);
}

TEST(SummaryTable, LeavesOutTheDistroColumnWhenNoProfileNamesOne) {
  RunReport r = testing::sample_run();
  for (auto& t : r.targets) t.distro.clear();
  std::string table = to_summary_table(r, false);
  EXPECT_EQ(table.find("DISTRO"), std::string::npos);
  EXPECT_EQ(table.rfind("PROFILE                     KERNEL                 ARTIFACT", 0), 0u);
  EXPECT_NE(table.find("debian-11                   5.10.0-33-cloud-amd64  loop.bpf.o"),
            std::string::npos);
}

TEST(SummaryTable, NamesAnUnknownDistroAsWritten) {
  RunReport r = testing::sample_run();
  r.targets[0].distro = "wolfi";
  r.targets[0].distro_version = "";
  r.targets[1].distro = "almalinux";
  r.targets[1].distro_version = "9";
  std::string table = to_summary_table(r, false);
  EXPECT_NE(table.find("debian-11                   wolfi            5.10"), std::string::npos);
  EXPECT_NE(table.find("debian-12                   AlmaLinux 9      6.1"), std::string::npos);
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
