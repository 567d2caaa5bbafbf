// `matrix list|show` and `--matrix NAME`: the shipped matrices by name, without booting.
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/temp_dir.h"
#include "support/run_bpfcompat.h"

namespace bpfcompat {
namespace {

using testing::run_bpfcompat;

TEST(MatrixCommand, ListNamesTheBuiltInAndTheShippedMatrices) {
  auto run = run_bpfcompat({"matrix", "list"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  for (const char* name : {"default ", "debian ", "cloud/ubuntu ", "cloud/rhel-family "}) {
    EXPECT_NE(run.output.find(name), std::string::npos) << name << "\n" << run.output;
  }
  EXPECT_NE(run.output.find("(built in)"), std::string::npos) << run.output;
}

TEST(MatrixCommand, ShowPrintsEachProfileWithLaneSourceAndRequiredFlag) {
  auto run = run_bpfcompat({"matrix", "show", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  auto j = nlohmann::json::parse(run.output);
  EXPECT_EQ(j["name"], "default");
  ASSERT_EQ(j["profiles"].size(), 4u) << run.output;
  EXPECT_EQ(j["profiles"][0]["id"], "debian-11");
  EXPECT_EQ(j["profiles"][0]["lane"], "kernel");
  EXPECT_EQ(j["profiles"][0]["source"], "apt bullseye/linux-image-cloud-amd64");
  EXPECT_EQ(j["profiles"][3]["required"], false);

  auto cloud = run_bpfcompat({"matrix", "show", "cloud/ubuntu"});
  EXPECT_EQ(cloud.exit_code, 0) << cloud.output;
  EXPECT_NE(cloud.output.find("cloud-image"), std::string::npos) << cloud.output;
  EXPECT_NE(cloud.output.find("ubuntu-22.04"), std::string::npos) << cloud.output;
}

TEST(MatrixCommand, AnUnknownMatrixNameIsOneUsageErrorBeforeAnythingBoots) {
  auto d = TempDir::create("cli-matrix");
  ASSERT_TRUE(d);
  std::string dir = d->path();
  auto run = run_bpfcompat({"test", "--matrix", "debain", "--artifact", EXAMPLE_OBJECT, "--out",
                            dir + "/report.json", "--workdir", dir + "/work"});
  EXPECT_EQ(run.exit_code, 64) << run.output;
  EXPECT_NE(run.output.find("no shipped matrix"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("did you mean 'debian'?"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("boot"), std::string::npos) << run.output;
  // No run directory (<workdir>/runs/<id>, its report.json) and no --out report.
  EXPECT_FALSE(std::filesystem::exists(dir + "/work")) << run.output;
  EXPECT_FALSE(std::filesystem::exists(dir + "/report.json")) << run.output;
  EXPECT_TRUE(std::filesystem::is_empty(dir)) << run.output;

  auto show = run_bpfcompat({"matrix", "show", "nope"});
  EXPECT_EQ(show.exit_code, 64) << show.output;
}

}  // namespace
}  // namespace bpfcompat
