// Objects with several programs for one attach point, on every kernel of the default matrix in one
// bpfcompat run: a correct object must never fail because of how the validator orders its
// attaches. xdp on lo and the netns flow dissector hold one program at a time (the second is
// attached alone, and the report says so); netfilter, cgroup and tc hooks take both at once.
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/temp_dir.h"
#include "support/run_bpfcompat.h"

namespace bpfcompat {
namespace {

using nlohmann::json;

const char* const kProfiles[] = {"debian-11", "debian-12", "debian-13", "debian-unstable"};

class AttachSequencing : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto d = TempDir::create("e2e-attach");
    ASSERT_TRUE(d);
    dir_ = new TempDir(std::move(*d));
    std::vector<std::string> args = {"test", "--out", dir_->path() + "/report.json", "--workdir",
                                     dir_->path() + "/work"};
    for (const char* a :
         {"xdp_dispatcher", "flow_dissector_pair", "netfilter_pair", "cgroup_pair", "tc_pair"}) {
      args.insert(args.end(), {"--artifact", std::string(EXAMPLES_BUILD_DIR) + "/" + a + ".bpf.o"});
    }
    run_ = new testing::CliRun(testing::run_bpfcompat(args, std::chrono::minutes(20)));
    auto text = read_file(dir_->path() + "/report.json");
    if (text) report_ = new json(json::parse(*text));
  }
  static void TearDownTestSuite() {
    delete dir_;
    delete run_;
    delete report_;
  }
  static const json& target(const std::string& profile, const std::string& artifact) {
    static const json kNone;
    if (report_ == nullptr) return kNone;
    for (const auto& t : (*report_)["targets"]) {
      if (t["profile_id"] == profile && t["artifact"] == artifact) return t;
    }
    return kNone;
  }
  static std::string describe(const json& t) {
    return t.is_null() ? "no target" : t.dump(1).substr(0, 3000);
  }

  // Both programs attached; the second alone, which its verdict and the target's reason say.
  static void expect_second_attached_alone(const std::string& artifact) {
    for (const char* profile : kProfiles) {
      const json& t = target(profile, artifact);
      ASSERT_FALSE(t.is_null()) << artifact << " on " << profile << "\n" << run_->output;
      EXPECT_EQ(t["status"], "pass") << profile << ": " << describe(t);
      EXPECT_NE(t["reason"].get<std::string>().find("2 of 2 programs loaded and attached, 1 of "
                                                    "them alone"),
                std::string::npos)
          << profile << ": " << t["reason"];
      const json& programs = t["programs"];
      ASSERT_EQ(programs.size(), 2u) << describe(t);
      for (const auto& p : programs) EXPECT_EQ(p["attach"]["status"], "ok") << p.dump();
      EXPECT_EQ(programs[0]["reason"], "") << programs[0].dump();
      std::string second = programs[1]["reason"];
      EXPECT_EQ(second.rfind("attached alone: ", 0), 0u) << second;
      EXPECT_NE(second.find("holds one program at a time"), std::string::npos) << second;
      EXPECT_NE(second.find(programs[0]["name"].get<std::string>()), std::string::npos) << second;
    }
  }

  static inline TempDir* dir_ = nullptr;
  static inline testing::CliRun* run_ = nullptr;
  static inline json* report_ = nullptr;
};

TEST_F(AttachSequencing, DispatcherStyleXdpObjectPassesEverywhereWithItsSecondProgramAlone) {
  expect_second_attached_alone("xdp_dispatcher.bpf.o");
}

TEST_F(AttachSequencing, TwoFlowDissectorsPassEverywhereWithTheSecondAlone) {
  expect_second_attached_alone("flow_dissector_pair.bpf.o");
}

TEST_F(AttachSequencing, NetfilterPairAttachesSideBySideWhereTheTypeExists) {
  const std::map<std::string, std::string> expected = {{"debian-11", "UNSUPPORTED_PROGRAM_TYPE"},
                                                       {"debian-12", "UNSUPPORTED_PROGRAM_TYPE"},
                                                       {"debian-13", ""},
                                                       {"debian-unstable", ""}};
  for (const auto& [profile, code] : expected) {
    const json& t = target(profile, "netfilter_pair.bpf.o");
    ASSERT_FALSE(t.is_null()) << profile << "\n" << run_->output;
    if (!code.empty()) {
      EXPECT_EQ(t["status"], "fail") << profile << ": " << describe(t);
      EXPECT_EQ(t["classification_code"], code) << profile << ": " << describe(t);
      continue;
    }
    EXPECT_EQ(t["status"], "pass") << profile << ": " << describe(t);
    EXPECT_EQ(t["reason"], "2 of 2 programs loaded and attached") << profile;
  }
}

TEST_F(AttachSequencing, CgroupAndTcPairsAttachSideBySideEverywhere) {
  for (const char* artifact : {"cgroup_pair.bpf.o", "tc_pair.bpf.o"}) {
    for (const char* profile : kProfiles) {
      const json& t = target(profile, artifact);
      ASSERT_FALSE(t.is_null()) << artifact << " on " << profile << "\n" << run_->output;
      EXPECT_EQ(t["status"], "pass") << profile << ": " << describe(t);
      EXPECT_EQ(t["reason"], "2 of 2 programs loaded and attached") << artifact << " " << profile;
    }
  }
}

TEST_F(AttachSequencing, ExitCodeIsTwoOnlyBecauseNetfilterIsMissingOnRequiredKernels) {
  ASSERT_NE(report_, nullptr) << run_->output;
  EXPECT_EQ(run_->exit_code, 2) << run_->output;
  for (const auto& t : (*report_)["targets"]) {
    if (t["status"] != "pass") {
      EXPECT_EQ(t["artifact"], "netfilter_pair.bpf.o") << describe(t);
    }
  }
}

}  // namespace
}  // namespace bpfcompat
