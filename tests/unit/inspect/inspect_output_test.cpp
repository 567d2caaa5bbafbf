// inspect_json against docs/inspect-schema.json, and the text form's blocks, on real objects.
#include "bpfcompat/inspect/inspect_output.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "bpfcompat/core/temp_dir.h"
#include "example_objects.h"
#include "support/json_schema.h"

namespace bpfcompat::inspect {
namespace {

using inspect::testing::example_object;
using inspect::testing::read_path;
using inspect::testing::test_object;

const std::string kSchema = std::string(BPFCOMPAT_TEST_DATA) + "/../../docs/inspect-schema.json";

class InspectJsonSchema : public ::testing::TestWithParam<std::string> {};

TEST_P(InspectJsonSchema, ValidatesAgainstTheDocumentedSchema) {
  auto facts = read_path(GetParam());
  auto dir = TempDir::create("inspect-schema");
  ASSERT_TRUE(dir) << dir.error().describe();
  std::string path = dir->path() + "/inspect.json";
  std::ofstream(path) << inspect_json(facts);
  auto problems = bpfcompat::testing::json_schema_problems(kSchema, path);
  if (!problems) GTEST_SKIP() << "python3 with the jsonschema module is not installed";
  EXPECT_EQ(*problems, "");
}

INSTANTIATE_TEST_SUITE_P(Objects, InspectJsonSchema,
                         ::testing::Values(example_object("bpf_loop"),
                                           example_object("core_field_present"),
                                           example_object("kfunc_7x"), example_object("tcx"),
                                           test_object("maps_and_calls"),
                                           test_object("legacy_maps"), test_object("no_btf")));

TEST(InspectJson, CarriesTheFactsUnderTheirDocumentedKeys) {
  auto j = nlohmann::json::parse(inspect_json(read_path(test_object("maps_and_calls"))));
  EXPECT_EQ(j["schema_version"], "1.0");
  EXPECT_EQ(j["license"], "Dual BSD/GPL");
  EXPECT_EQ(j["gpl_compatible"], true);
  EXPECT_TRUE(j["libbpf_open_error"].is_null());
  const auto& sleepy = j["programs"][2];
  EXPECT_EQ(sleepy["name"], "sleepy");
  EXPECT_EQ(sleepy["sleepable"], true);
  EXPECT_EQ(sleepy["attach"]["kind"], "fentry");
  EXPECT_EQ(sleepy["attach"]["function"], "vfs_read");
  EXPECT_EQ(sleepy["gpl_only_helpers"], nlohmann::json::array({"bpf_get_current_task"}));
  EXPECT_EQ(sleepy["kfuncs"][0]["weak"], true);
  EXPECT_EQ(j["programs"][1]["tail_calls"], true);
  bool inner = false;
  for (const auto& m : j["maps"]) {
    if (m["name"] == "outer") inner = m["inner_map"]["type"]["name"] == "hash";
  }
  EXPECT_TRUE(inner);
}

TEST(InspectText, ProgramsMapsAndRelocationsByRootType) {
  std::string bpf_loop = inspect_text(read_path(example_object("bpf_loop")));
  EXPECT_NE(bpf_loop.find("program loop_on_exec\n"), std::string::npos) << bpf_loop;
  EXPECT_NE(bpf_loop.find("bpf_loop (181)"), std::string::npos) << bpf_loop;
  EXPECT_NE(bpf_loop.find("callbacks         add_index\n"), std::string::npos) << bpf_loop;
  EXPECT_NE(bpf_loop.find("license           GPL (GPL-compatible)"), std::string::npos);

  std::string core = inspect_text(read_path(example_object("core_field_present")));
  EXPECT_NE(core.find("CO-RE relocations (5)\n  struct task_struct\n"), std::string::npos) << core;
  EXPECT_NE(core.find("as struct task_struct___pre514  (unguarded)"), std::string::npos) << core;

  std::string maps = inspect_text(read_path(test_object("maps_and_calls")));
  EXPECT_NE(maps.find("inner map         hash, key 4 / value 8 bytes, max_entries 16"),
            std::string::npos)
      << maps;
  EXPECT_NE(maps.find("pinned            /sys/fs/bpf/pinned_counts"), std::string::npos) << maps;
}

TEST(InspectText, GplOnlyHelpersUnderANonGplLicenseAreSaidToBeRefused) {
  ObjectFacts f;
  f.path = "x.bpf.o";
  f.license = "MIT";
  ProgramFacts p;
  p.name = "probe";
  p.code.helpers.push_back({113, "bpf_probe_read_kernel", true, 1});
  f.programs.push_back(p);
  std::string text = inspect_text(f);
  EXPECT_NE(text.find("license           MIT (not GPL-compatible)"), std::string::npos) << text;
  EXPECT_NE(text.find("bpf_probe_read_kernel (refused: license 'MIT' is not GPL-compatible)"),
            std::string::npos)
      << text;
  f.license = "GPL";
  EXPECT_EQ(inspect_text(f).find("refused"), std::string::npos);
}

}  // namespace
}  // namespace bpfcompat::inspect
