// Objects with several programs for one attach point, on every kernel of the default matrix in one
// bpfcompat run: a correct object must never fail because of how the validator orders its
// attaches. xdp on lo and the netns flow dissector hold one program at a time (the second is
// attached alone, and the report says so); netfilter, cgroup and tc hooks take both at once.
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "default_matrix_run.h"

namespace bpfcompat {
namespace {

using nlohmann::json;
using testing::kDefaultProfiles;

class AttachSequencing : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    run_ = testing::run_examples_on_default_matrix(
               "e2e-attach",
               {"xdp_dispatcher.bpf.o", "flow_dissector_pair.bpf.o", "netfilter_pair.bpf.o",
                "cgroup_pair.bpf.o", "tc_pair.bpf.o"},
               std::chrono::minutes(20))
               .release();
    report_ = &run_->report;
  }
  static void TearDownTestSuite() {
    delete run_;
    run_ = nullptr;
  }
  static const json& target(const std::string& profile, const std::string& artifact) {
    return run_->target(profile, artifact);
  }
  static std::string describe(const json& t) {
    return t.is_null() ? "no target" : t.dump(1).substr(0, 3000);
  }

  // Both programs attached; the second alone, which its verdict and the target's reason say.
  static void expect_second_attached_alone(const std::string& artifact) {
    for (const char* profile : kDefaultProfiles) {
      const json& t = target(profile, artifact);
      ASSERT_FALSE(t.is_null()) << artifact << " on " << profile << "\n" << run_->run.output;
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
      // The JSON says it in fields too: the second program was attached alone, the first not.
      EXPECT_FALSE(programs[0]["attach"].contains("isolated")) << programs[0].dump();
      EXPECT_EQ(programs[1]["attach"]["isolated"], true) << programs[1].dump();
      EXPECT_NE(programs[1]["attach"]["note"].get<std::string>().find(
                    programs[0]["name"].get<std::string>()),
                std::string::npos)
          << programs[1].dump();
    }
  }

  static inline testing::DefaultMatrixRun* run_ = nullptr;
  static inline const json* report_ = nullptr;
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
    ASSERT_FALSE(t.is_null()) << profile << "\n" << run_->run.output;
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
    for (const char* profile : kDefaultProfiles) {
      const json& t = target(profile, artifact);
      ASSERT_FALSE(t.is_null()) << artifact << " on " << profile << "\n" << run_->run.output;
      EXPECT_EQ(t["status"], "pass") << profile << ": " << describe(t);
      EXPECT_EQ(t["reason"], "2 of 2 programs loaded and attached") << artifact << " " << profile;
    }
  }
}

TEST_F(AttachSequencing, ExitCodeIsTwoOnlyBecauseNetfilterIsMissingOnRequiredKernels) {
  ASSERT_FALSE(report_->is_null()) << run_->run.output;
  EXPECT_EQ(run_->run.exit_code, 2) << run_->run.output;
  for (const auto& t : (*report_)["targets"]) {
    if (t["status"] != "pass") {
      EXPECT_EQ(t["artifact"], "netfilter_pair.bpf.o") << describe(t);
    }
  }
}

}  // namespace
}  // namespace bpfcompat
