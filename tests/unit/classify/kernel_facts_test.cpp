// The private tables and log readers behind the remediations.
#include "kernel_facts.h"

#include <gtest/gtest.h>

#include "log_lines.h"

namespace bpfcompat::classify {
namespace {

std::string since(std::optional<KernelVersion> v) {
  return v ? v->str() : "none";
}

TEST(KernelFacts, ParsesDistroReleases) {
  EXPECT_EQ(since(parse_kernel_release("5.10.0-33-cloud-amd64")), "5.10");
  EXPECT_EQ(since(parse_kernel_release("6.12.38+deb13-cloud-amd64")), "6.12");
  EXPECT_EQ(since(parse_kernel_release("4.18.0-553.el8_10.x86_64")), "4.18");
  EXPECT_EQ(since(parse_kernel_release("unknown")), "none");
  EXPECT_EQ(since(parse_kernel_release("")), "none");
}

TEST(KernelFacts, HelperReleasesFollowIdThresholds) {
  struct Row {
    int id;
    const char* version;
  };
  for (Row r : {Row{1, "3.19"}, Row{6, "4.1"}, Row{130, "5.8"}, Row{131, "5.8"}, Row{147, "5.10"},
                Row{158, "5.11"}, Row{173, "5.15"}, Row{181, "5.17"}, Row{194, "5.19"},
                Row{209, "6.1"}, Row{211, "6.2"}, Row{212, "none"}, Row{0, "none"}}) {
    EXPECT_EQ(since(helper_since(r.id)), r.version) << r.id;
  }
}

TEST(KernelFacts, MapAndProgramTypeReleases) {
  EXPECT_EQ(since(map_type_since(27)), "5.8");  // ringbuf
  EXPECT_EQ(since(map_type_since(33)), "6.9");  // arena
  EXPECT_EQ(since(map_type_since(34)), "none");
  EXPECT_EQ(since(prog_type_since(26)), "5.5");  // tracing
  EXPECT_EQ(since(prog_type_since(32)), "6.4");  // netfilter
}

TEST(KernelFacts, AttachKindsFromSectionOrType) {
  EXPECT_EQ(attach_kind("kprobe.multi/do_*", "")->label, "kprobe.multi");
  EXPECT_EQ(attach_kind("kretprobe.multi/x", "")->label, "kprobe.multi");
  EXPECT_EQ(attach_kind("", "tcx_egress")->label, "tcx");
  EXPECT_EQ(attach_kind("fexit/do_exit", "")->since.str(), "5.5");
  EXPECT_FALSE(attach_kind("tp/sched/sched_switch", "").has_value());
}

TEST(KernelFacts, Names) {
  EXPECT_EQ(map_type_enum("ringbuf", 27), "BPF_MAP_TYPE_RINGBUF");
  EXPECT_EQ(map_type_enum("", 99), "map type 99");
  EXPECT_EQ(prog_type_enum("sched_cls", 3), "BPF_PROG_TYPE_SCHED_CLS");
  EXPECT_EQ(errno_name(22), "EINVAL");
  EXPECT_EQ(errno_name(524), "ENOTSUPP");
  EXPECT_EQ(errno_name(4001), "LIBBPF_ERRNO__FORMAT");
  EXPECT_EQ(errno_name(4242), "errno 4242");
  EXPECT_EQ(signal_name(11), "SIGSEGV");
}

TEST(LogLines, VerifierErrorLineSkipsStatistics) {
  EXPECT_EQ(
      verifier_error_line("0: (b7) r0 = 0\nR0 !read_ok\nprocessed 1 insns (limit 1000000) "
                          "max_states_per_insn 0\nverification time 12 usec\nstack depth 0\n"),
      "R0 !read_ok");
  EXPECT_EQ(verifier_error_line(""), "");
}

TEST(LogLines, LibbpfErrorLinePrefersSpecificLines) {
  EXPECT_EQ(libbpf_error_line("libbpf: map 'm': failed to create: Invalid argument(-22)\n"
                              "libbpf: failed to load object 'x.bpf.o'\n"),
            "libbpf: map 'm': failed to create: Invalid argument(-22)");
  EXPECT_EQ(libbpf_error_line("libbpf: prog 'p': BPF program load failed: Invalid argument\n"
                              "libbpf: prog 'p': failed to load: -22\n"),
            "libbpf: prog 'p': BPF program load failed: Invalid argument");
}

TEST(LogLines, ExtractsQuotedNamesAndNumbers) {
  EXPECT_EQ(quoted_after("libbpf: prog 'p': failed to find kernel BTF type ID of 'do_x': -3",
                         "BTF type ID of "),
            "do_x");
  EXPECT_EQ(number_after("processed 1000001 insns (limit 1000000)", "(limit "), 1000000);
  EXPECT_EQ(number_after("nothing here", "processed "), -1);
  EXPECT_TRUE(contains_ci("BPF Program Is Too Large", "program is too large"));
}

}  // namespace
}  // namespace bpfcompat::classify
