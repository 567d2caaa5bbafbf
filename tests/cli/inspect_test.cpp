// `bpfcompat inspect`: reads the object and boots nothing; --json follows docs/inspect-schema.json;
// a file that is not a BPF object is one usage error naming it.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "bpfcompat/core/temp_dir.h"
#include "support/json_schema.h"
#include "support/run_bpfcompat.h"

namespace bpfcompat {
namespace {

using testing::run_bpfcompat;

const std::string kSchema = std::string(SOURCE_DIR) + "/docs/inspect-schema.json";

// BPFCOMPAT_QEMU set, for the life of the test, to a script that leaves a marker if it runs.
class InspectCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::create("inspect-cli");
    ASSERT_TRUE(d) << d.error().describe();
    dir_.emplace(std::move(*d));
    marker_ = dir_->path() + "/qemu-ran";
    std::string script = dir_->path() + "/qemu";
    std::ofstream(script) << "#!/bin/sh\ntouch '" << marker_ << "'\nexit 1\n";
    ::chmod(script.c_str(), 0755);
    ::setenv("BPFCOMPAT_QEMU", script.c_str(), 1);
  }
  void TearDown() override { ::unsetenv("BPFCOMPAT_QEMU"); }

  std::optional<TempDir> dir_;
  std::string marker_;
};

TEST_F(InspectCommand, JsonFollowsTheSchemaAndNoQemuRuns) {
  std::string object = std::string(EXAMPLES_DIR) + "/bpf_loop.bpf.o";
  auto run = run_bpfcompat({"inspect", object, "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_FALSE(std::filesystem::exists(marker_)) << "inspect started QEMU";
  auto j = nlohmann::json::parse(run.output);
  EXPECT_EQ(j["path"], object);
  EXPECT_EQ(j["programs"][0]["helpers"][0]["name"], "bpf_loop");
  EXPECT_EQ(j["programs"][0]["callbacks"][0], "add_index");

  std::string path = dir_->path() + "/inspect.json";
  std::ofstream(path) << run.output;
  auto problems = testing::json_schema_problems(kSchema, path);
  if (!problems) GTEST_SKIP() << "python3 with the jsonschema module is not installed";
  EXPECT_EQ(*problems, "");
}

TEST_F(InspectCommand, TextShowsProgramsMapsAndRelocations) {
  auto run = run_bpfcompat({"inspect", std::string(EXAMPLES_DIR) + "/core_field_present.bpf.o"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_FALSE(std::filesystem::exists(marker_));
  EXPECT_NE(run.output.find("program read_task"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("bpf_probe_read_kernel (113)"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("CO-RE relocations (5)"), std::string::npos) << run.output;
}

TEST_F(InspectCommand, NotABpfObjectIsOneUsageErrorNamingTheFile) {
  std::string text = dir_->path() + "/notes.bpf.o";
  std::ofstream(text) << "not an object\n";
  auto run = run_bpfcompat({"inspect", text});
  EXPECT_EQ(run.exit_code, 64) << run.output;
  EXPECT_NE(run.output.find(text + ": not an ELF file"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("hint: pass a compiled eBPF object"), std::string::npos) << run.output;

  auto missing = run_bpfcompat({"inspect", dir_->path() + "/absent.bpf.o"});
  EXPECT_EQ(missing.exit_code, 64) << missing.output;
  EXPECT_NE(missing.output.find("absent.bpf.o: no such file"), std::string::npos) << missing.output;
  EXPECT_FALSE(std::filesystem::exists(marker_));
}

}  // namespace
}  // namespace bpfcompat
