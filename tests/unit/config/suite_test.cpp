#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bpfcompat/config/suite.h"

namespace bpfcompat::config {
namespace {

const std::string kData = BPFCOMPAT_TEST_DATA "/config";
const std::string kSuites = kData + "/suites";

Suite load_ok(const std::string& file) {
  auto s = load_suite(kSuites + "/" + file);
  EXPECT_TRUE(s) << (s ? "" : s.error().message);
  return s ? *s : Suite{};
}

const SuiteCase& find_case(const Suite& s, const std::string& name) {
  for (const auto& c : s.cases) {
    if (c.name == name) return c;
  }
  static const SuiteCase none;
  ADD_FAILURE() << "no case " << name;
  return none;
}

TEST(Suite, ParsesDefaultsWithReferenceSpellings) {
  Suite s = load_ok("good.yaml");
  EXPECT_EQ(s.path, kSuites + "/good.yaml");
  EXPECT_EQ(s.name, "agent-probes");
  EXPECT_EQ(s.defaults.matrix_path, kSuites + "/matrices/fleet.yaml");
  EXPECT_EQ(s.defaults.mode, CaseMode::kLoadAttach);
  EXPECT_EQ(s.defaults.timeout, std::chrono::seconds(480));
  EXPECT_EQ(s.defaults.jobs, 2);
  EXPECT_EQ(s.defaults.workdir, kData + "/.bpfcompat");
  EXPECT_EQ(s.defaults.report_dir, kSuites + "/reports/agent-probes");
  ASSERT_EQ(s.cases.size(), 6u);
  EXPECT_EQ(s.cases[0].origin, kSuites + "/good.yaml:14");
}

TEST(Suite, ResolvesPathsRelativeToTheSuiteFile) {
  Suite s = load_ok("good.yaml");
  const SuiteCase& exec = find_case(s, "exec-ringbuf");
  EXPECT_EQ(exec.artifact, kSuites + "/objects/exec_ringbuf.bpf.o");
  EXPECT_EQ(exec.manifest_path, kData + "/manifests/exec.yaml");
  ASSERT_TRUE(exec.manifest);
  EXPECT_EQ(exec.manifest->path, kData + "/manifests/exec.yaml");
  EXPECT_EQ(exec.manifest->name, "exec-tracer");
  EXPECT_TRUE(exec.manifest->attach_required());
  EXPECT_FALSE(exec.command);

  const SuiteCase& xdp = find_case(s, "net-xdp");
  EXPECT_EQ(xdp.artifact, kSuites + "/objects/net_xdp.bpf.o");  // normalised
  EXPECT_EQ(xdp.matrix_path, kSuites + "/matrices/other.yaml");

  const SuiteCase& cmd = find_case(s, "smoke-cmd");
  EXPECT_EQ(cmd.artifact, "");
  ASSERT_TRUE(cmd.command);
  EXPECT_EQ(cmd.command->command, "$BPFCOMPAT_BIN --version");
  EXPECT_EQ(cmd.command->binary, kSuites + "/objects/tool");
  EXPECT_EQ(cmd.command->expect_exit, 3);

  const SuiteCase& plain = find_case(s, "plain-cmd");
  ASSERT_TRUE(plain.command);
  EXPECT_EQ(plain.command->command, "uname -r");
  EXPECT_EQ(plain.command->binary, "");
  EXPECT_EQ(plain.command->expect_exit, 0);
}

TEST(Suite, CasesFallBackToTheDefaultsAndNormaliseModes) {
  Suite s = load_ok("good.yaml");
  const SuiteCase& exec = find_case(s, "exec-ringbuf");
  EXPECT_EQ(exec.matrix_path, kSuites + "/matrices/fleet.yaml");
  EXPECT_EQ(exec.mode, CaseMode::kLoadAttach);
  EXPECT_EQ(exec.timeout, std::chrono::seconds(480));

  const SuiteCase& xdp = find_case(s, "net-xdp");
  EXPECT_EQ(xdp.mode, CaseMode::kLoadOnly);  // written load-only
  EXPECT_EQ(xdp.timeout, std::chrono::seconds(90));
  EXPECT_EQ(find_case(s, "plain-cmd").mode, CaseMode::kLoadAttach);  // written loadattach
}

TEST(Suite, MergesTheTestBlockIntoTheCaseManifest) {
  Suite s = load_ok("good.yaml");
  const SuiteCase& c = find_case(s, "exec-behavior");
  EXPECT_EQ(c.mode, CaseMode::kBehavior);
  ASSERT_TRUE(c.manifest);
  EXPECT_EQ(c.manifest->name, "exec-tracer");
  ASSERT_EQ(c.manifest->functional_tests.size(), 2u);
  EXPECT_EQ(c.manifest->functional_tests[0].name, "exec-seen");
  const FunctionalTest& t = c.manifest->functional_tests[1];
  EXPECT_EQ(t.name, "exec-behavior-behavior");
  EXPECT_EQ(t.command, "./smoke/exec-smoke.sh");
  EXPECT_TRUE(t.required);
  EXPECT_EQ(t.timeout, std::chrono::seconds(30));
  EXPECT_EQ(t.expect_exit_code, 3);
  EXPECT_EQ(t.expect_stdout_contains, "saw-execve");  // event_contains stands in

  // The shared manifest file is not changed for the other case that names it.
  EXPECT_EQ(find_case(s, "exec-ringbuf").manifest->functional_tests.size(), 1u);
}

TEST(Suite, TestBlockWithoutManifestMakesOneNamedAfterTheCase) {
  Suite s = load_ok("good.yaml");
  const SuiteCase& c = find_case(s, "behavior-only");
  EXPECT_EQ(c.mode, CaseMode::kBehavior);
  EXPECT_EQ(c.manifest_path, "");
  ASSERT_TRUE(c.manifest);
  EXPECT_EQ(c.manifest->name, "behavior-only");
  ASSERT_EQ(c.manifest->functional_tests.size(), 1u);
  const FunctionalTest& t = c.manifest->functional_tests[0];
  EXPECT_EQ(t.name, "behavior-only-behavior");
  EXPECT_EQ(t.command, "true");
  EXPECT_FALSE(t.required);
  EXPECT_EQ(t.timeout, std::chrono::seconds(10));
  EXPECT_EQ(t.expect_stdout_contains, "ok");  // stdout_contains wins over event_contains
}

TEST(Suite, MinimalSuiteLeavesDefaultsUnset) {
  Suite s = load_ok("minimal.yaml");
  EXPECT_EQ(s.defaults.jobs, 0);
  EXPECT_FALSE(s.defaults.matrix_path);
  EXPECT_EQ(s.defaults.workdir, "");
  ASSERT_EQ(s.cases.size(), 1u);
  EXPECT_FALSE(s.cases[0].matrix_path);
  EXPECT_FALSE(s.cases[0].mode);
  EXPECT_FALSE(s.cases[0].timeout);
  EXPECT_FALSE(s.cases[0].manifest);
}

TEST(Suite, ReportsManifestErrorsInTheManifestFileOnceWithSuiteErrors) {
  auto s = load_suite(kSuites + "/bad_manifest.yaml");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kInvalidInput);
  const std::string& message = s.error().message;
  std::string manifest_error = kData +
                               "/manifests/bad_for_suite.yaml:4:18: error: 'max_entries' must be "
                               "a positive integer or 'cpus', got 'lots'";
  std::string suite_error = kSuites +
                            "/bad_manifest.yaml:10:15: error: artifact of case 'third' not "
                            "found: " +
                            kSuites + "/objects/missing.bpf.o";
  auto first = message.find(manifest_error);
  ASSERT_NE(first, std::string::npos) << message;
  EXPECT_EQ(message.find(manifest_error, first + 1), std::string::npos) << "reported twice";
  EXPECT_NE(message.find(suite_error), std::string::npos) << message;
}

}  // namespace
}  // namespace bpfcompat::config
