// helper_probe_verdict (validator/helpers.c): the verifier's answer to `call helper; exit`, as
// the four Debian kernels word it, decides whether a program type may call the helper.
#include <gtest/gtest.h>

#include <string>
#include <vector>

extern "C" {
#include "helpers.h"
}

namespace {

struct VerdictCase {
  std::string name;
  int load_ok;
  std::string log;
  int expected;
};

// Logs as the kernels print them for the probe program (log_level 1).
std::vector<VerdictCase> verdict_cases() {
  return {
      {"loads", 1, "", 1},
      {"id_beyond_5_10_helpers", 0, "0: (85) call unknown#181\ninvalid func unknown#181\n", 0},
      {"wrong_type_up_to_6_1", 0,
       "0: (85) call bpf_get_current_task#35\nunknown func bpf_get_current_task#35\n", 0},
      {"wrong_type_from_6_2", 0,
       "0: (85) call bpf_get_current_task#35\nprogram of this type cannot use helper "
       "bpf_get_current_task#35\n",
       0},
      {"argument_check_means_found", 0,
       "0: R1=ctx() R10=fp0\n0: (85) call bpf_loop#181\nR2 type=scalar expected=func\n", 1},
      {"return_range_means_found", 0,
       "At program exit the register R0 has unknown scalar value should have been in [0, 1]\n", 1},
      {"sleepable_helper_means_found", 0, "helper call might sleep in a non-sleepable prog\n", 1},
      {"no_log_is_undecided", 0, "", -1},
  };
}

class HelperVerdict : public ::testing::TestWithParam<VerdictCase> {};

TEST_P(HelperVerdict, ReadsTheVerifiersAnswer) {
  const VerdictCase& c = GetParam();
  EXPECT_EQ(helper_probe_verdict(c.load_ok, c.log.c_str()), c.expected) << c.log;
}

INSTANTIATE_TEST_SUITE_P(Kernels, HelperVerdict, ::testing::ValuesIn(verdict_cases()),
                         [](const ::testing::TestParamInfo<VerdictCase>& param_info) {
                           return param_info.param.name;
                         });

TEST(HelperVerdict, NullLogIsUndecided) {
  EXPECT_EQ(helper_probe_verdict(0, nullptr), -1);
}

}  // namespace
