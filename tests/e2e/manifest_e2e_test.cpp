// Manifest fixups end to end on a real kernel: a stack-trace map whose value_size its loader sets
// at run time (examples/runtime_sized_value) fails bare and passes with the manifest's
// value_size, both cases in one boot of debian-12.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"
#include "support/run_bpfcompat.h"

namespace bpfcompat {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

const json* target_of(const json& report, const std::string& case_name) {
  for (const auto& t : report["targets"]) {
    if (t["profile_id"] == "debian-12" && t["artifact"] == case_name) return &t;
  }
  return nullptr;
}

TEST(ManifestValueSize, StackTraceMapPassesOnlyWithTheDeclaredValueSize) {
  auto d = TempDir::create("e2e-value-size");
  ASSERT_TRUE(d);
  std::string dir = d->path();
  std::string object = std::string(EXAMPLES_BUILD_DIR) + "/runtime_sized_value.bpf.o";
  std::string manifest = std::string(EXAMPLES_SOURCE_DIR) + "/runtime_sized_value/manifest.yaml";
  std::ofstream(dir + "/matrix.yaml") << "profiles: [debian-12]\n";
  std::ofstream(dir + "/suite.yaml") << "name: value-size\n"
                                        "defaults: {matrix: matrix.yaml}\n"
                                        "cases:\n"
                                        "  - {name: bare, artifact: "
                                     << object
                                     << "}\n"
                                        "  - {name: declared, artifact: "
                                     << object << ", manifest: " << manifest << "}\n";
  auto run = testing::run_bpfcompat({"suite", "--suite", dir + "/suite.yaml", "--out",
                                     dir + "/report.json", "--workdir", dir + "/work"},
                                    20min);
  auto text = read_file(dir + "/report.json");
  ASSERT_TRUE(text) << run.output;
  json report = json::parse(*text);
  EXPECT_EQ(run.exit_code, 2) << run.output;  // the bare case fails on a required kernel

  const json* bare = target_of(report, "bare");
  const json* declared = target_of(report, "declared");
  ASSERT_TRUE(bare && declared) << run.output;
  EXPECT_EQ((*bare)["status"], "fail") << run.output;
  EXPECT_EQ((*bare)["classification_code"], "RUNTIME_SIZED_MAP") << (*bare).dump(2);
  EXPECT_NE((*bare)["remediation"].get<std::string>().find("value_size:"), std::string::npos)
      << (*bare).dump(2);
  EXPECT_EQ((*declared)["status"], "pass") << (*declared).dump(2);
  ASSERT_TRUE((*declared)["fixups"].is_array()) << (*declared).dump(2);
  ASSERT_EQ((*declared)["fixups"].size(), 1u) << (*declared).dump(2);
  const json& fixup = (*declared)["fixups"][0];
  EXPECT_EQ(fixup["kind"], "map");
  EXPECT_EQ(fixup["target"], "stacks");
  EXPECT_EQ(fixup["ok"], true);
  EXPECT_EQ(fixup["detail"], "value_size 0 → 1016");
}

}  // namespace
}  // namespace bpfcompat
