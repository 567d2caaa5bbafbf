// What the cases of one boot ship into the guest: every file once, at its guest path, with the
// host file it comes from; the validator's --case arguments in case order.
#include "case_staging.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "bpfcompat/core/temp_dir.h"

namespace bpfcompat::app {
namespace {

TEST(StageCases, ArtifactsBinariesAndPlansGoToTheirGuestPaths) {
  auto dir = TempDir::create("case-staging");
  ASSERT_TRUE(dir);
  plan::Case object;
  object.name = "x.bpf.o";
  object.artifact = plan::Artifact{"x.bpf.o", "/objects/x.bpf.o", "sha", {}};
  plan::Case command;
  command.name = "loader";
  command.mode = config::CaseMode::kCommand;
  command.command =
      plan::Command{"$BPFCOMPAT_BIN", "/bin/loader", "loader", "sha", plan::Linkage::kStatic, 0};
  auto staged = stage_cases({&object, &command}, "/bpfcompat/", dir->path(), 30);
  ASSERT_TRUE(staged) << staged.error().describe();
  ASSERT_EQ(staged->files.size(), 4u);
  EXPECT_EQ(staged->files[0].guest_path, "/bpfcompat/a0.o");
  EXPECT_EQ(staged->files[0].host_path, "/objects/x.bpf.o");
  EXPECT_EQ(staged->files[1].guest_path, "/bpfcompat/c0.plan");
  EXPECT_EQ(staged->files[1].host_path, dir->path() + "/case0.plan");
  EXPECT_TRUE(std::filesystem::exists(staged->files[1].host_path));
  EXPECT_EQ(staged->files[2].guest_path, "/bpfcompat/b1-loader");
  EXPECT_EQ(staged->files[2].host_path, "/bin/loader");
  EXPECT_EQ(staged->files[2].mode, 0755u);
  EXPECT_EQ(staged->files[3].guest_path, "/bpfcompat/c1.plan");
  EXPECT_EQ(staged->args, (std::vector<std::string>{"--case", "/bpfcompat/c0.plan", "--case",
                                                    "/bpfcompat/c1.plan"}));
  EXPECT_TRUE(staged->needs_shell);  // the command case
}

}  // namespace
}  // namespace bpfcompat::app
