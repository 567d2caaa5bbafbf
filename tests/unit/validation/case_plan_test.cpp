#include "bpfcompat/validation/case_plan.h"

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace bpfcompat::validation {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

CasePlan minimal(const std::string& mode) {
  CasePlan p;
  p.name = "ringbuf";
  p.artifact = "/bpfcompat/a/0.o";
  p.mode = mode;
  return p;
}

TEST(CasePlan, StartsWithVersionLineThenNameArtifactMode) {
  std::string text = render_case_plan(minimal("load_attach"));
  EXPECT_EQ(text,
            "bpfcompat-case\t1\nname\tringbuf\nartifact\t/bpfcompat/a/0.o\nmode\tload_attach\n");
}

TEST(CasePlan, OmitsArtifactWhenEmpty) {
  CasePlan p = minimal("command");
  p.artifact.clear();
  p.command = {"bpftool prog", 3, 20};
  auto lines = lines_of(render_case_plan(p));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[1], "name\tringbuf");
  EXPECT_EQ(lines[2], "mode\tcommand");
  EXPECT_EQ(lines[3], "command\t3\t20\tbpftool prog");
}

TEST(CasePlan, WritesCommandRecordOnlyInCommandMode) {
  CasePlan p = minimal("behavior");
  p.command = {"true", 0, 5};
  EXPECT_EQ(render_case_plan(p).find("command\t"), std::string::npos);
}

TEST(CasePlan, EscapesBackslashTabAndNewlineInEveryField) {
  struct Case {
    std::string value, escaped;
  };
  const std::vector<Case> cases = {
      {"plain", "plain"}, {"a\\b", "a\\\\b"}, {"a\tb", "a\\tb"},  {"a\nb", "a\\nb"},
      {"\\t", "\\\\t"},   {"", ""},           {"é → ü", "é → ü"},
  };
  for (const Case& c : cases) {
    CasePlan p = minimal("behavior");
    p.env = {{"NAME", c.value}};
    auto lines = lines_of(render_case_plan(p));
    ASSERT_EQ(lines.size(), 5u) << c.escaped;
    EXPECT_EQ(lines[4], "env\tNAME\t" + c.escaped);
  }
}

TEST(CasePlan, RendersMapSizesAndInnerMaps) {
  struct Case {
    PlanMap map;
    std::string line;
  };
  auto map = [](const char* name, long long max_entries) {
    PlanMap m;
    m.name = name;
    m.max_entries = max_entries;
    return m;
  };
  PlanMap sized = map("counts", 2);
  PlanMap cpus = map("slots", -1);
  cpus.max_entries_cpus = true;
  PlanMap untouched = map("keep", -1);
  PlanMap zero = map("zero", 0);
  PlanMap ring = map("rings", -1);
  ring.inner_ringbuf_bytes = 4096;
  PlanMap inner = map("tables", 8);
  inner.inner_map_type = "hash";
  inner.inner_key_size = 4;
  inner.inner_value_size = 8;
  inner.inner_max_entries = 16;
  PlanMap stack_trace = map("stacks", -1);
  stack_trace.value_size = 1016;
  const std::vector<Case> cases = {
      {sized, "map\tcounts\t2\t\t\t\t\t\t"},          {cpus, "map\tslots\tcpus\t\t\t\t\t\t"},
      {untouched, "map\tkeep\t\t\t\t\t\t\t"},         {zero, "map\tzero\t\t\t\t\t\t\t"},
      {ring, "map\trings\t\t4096\t\t\t\t\t"},         {inner, "map\ttables\t8\t\thash\t4\t8\t16\t"},
      {stack_trace, "map\tstacks\t\t\t\t\t\t\t1016"},
  };
  for (const Case& c : cases) {
    CasePlan p = minimal("load_attach");
    p.maps = {c.map};
    auto lines = lines_of(render_case_plan(p));
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_EQ(lines[4], c.line) << c.map.name;
  }
}

TEST(CasePlan, RendersProgramTypesVariantsCompanionsAndOptionalAttachesInOrder) {
  CasePlan p = minimal("load_attach");
  p.program_types = {{"bpfcompat_custom", "socket_filter"}};
  p.variants = {{"loop", "loop_new", 181, true}, {"loop", "loop_legacy", 0, false}};
  p.companions = {"mark_exec"};
  p.attach_optional = {"maybe_attach"};
  auto lines = lines_of(render_case_plan(p));
  ASSERT_EQ(lines.size(), 9u);
  EXPECT_EQ(lines[4], "program_type\tbpfcompat_custom\tsocket_filter");
  EXPECT_EQ(lines[5], "variant\tloop\tloop_new\t181\t1");
  EXPECT_EQ(lines[6], "variant\tloop\tloop_legacy\t0\t0");
  EXPECT_EQ(lines[7], "companion\tmark_exec");
  EXPECT_EQ(lines[8], "attach_optional\tmaybe_attach");
}

TEST(CasePlan, RendersFunctionalTests) {
  CasePlan p = minimal("behavior");
  PlanTest marker{"marker", "grep -c 'x\ty' /sys/kernel/tracing/trace", false, 7, 0, "1", ""};
  p.tests = {marker};
  auto lines = lines_of(render_case_plan(p));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[4], "test\tmarker\t0\t7\t0\t1\t\tgrep -c 'x\\ty' /sys/kernel/tracing/trace");
}

}  // namespace
}  // namespace bpfcompat::validation
