#include <gtest/gtest.h>

#include "bpfcompat/core/file_io.h"
#include "bpfcompat/core/subprocess.h"
#include "bpfcompat/core/temp_dir.h"
#include "bpfcompat/report/outputs.h"
#include "sample_run.h"
#include "support/text.h"

namespace bpfcompat::report {
namespace {

using bpfcompat::testing::count_occurrences;

TEST(Junit, HasOneSuitePerProfileAndOneCasePerProgram) {
  std::string xml = to_junit(testing::sample_run());
  EXPECT_EQ(count_occurrences(xml, "<testsuite "), 3u);
  EXPECT_NE(xml.find("<testsuites name=\"bpfcompat\" tests=\"8\" failures=\"1\" errors=\"0\" "
                     "skipped=\"5\" time=\"251.443\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testsuite name=\"debian-11\" tests=\"3\" failures=\"1\" errors=\"0\" "
                     "skipped=\"2\" time=\"5.012\" timestamp=\"2025-01-14T09:30:00\">"),
            std::string::npos);
  EXPECT_NE(xml.find("<testcase name=\"count_loops\" classname=\"loop.bpf.o\">\n"
                     "      <failure message=\"UNSUPPORTED_HELPER: bpf_loop is not available to "
                     "BPF_PROG_TYPE_TRACEPOINT programs on Linux 5.10.0-33-cloud-amd64\" "
                     "type=\"UNSUPPORTED_HELPER\">"),
            std::string::npos);
  EXPECT_NE(xml.find("<testcase name=\"handle_exec\" classname=\"loop.bpf.o\"/>"),
            std::string::npos);
}

// Names stay as they were (suite = profile id, testcase = program, classname = case); the vendor
// kernel's identity rides along as properties of the profile's suite.
TEST(Junit, SuiteCarriesTheVendorKernelIdentityAsProperties) {
  std::string xml = to_junit(testing::sample_run());
  auto suite = xml.substr(xml.find("<testsuite name=\"debian-12\""));
  suite = suite.substr(0, suite.find("</properties>"));
  for (const char* p : {"<property name=\"distro\" value=\"debian\"/>",
                        "<property name=\"distro_version\" value=\"12\"/>",
                        "<property name=\"kernel_release\" value=\"6.1.0-28-cloud-amd64\"/>",
                        "<property name=\"kernel_package\" "
                        "value=\"linux-image-6.1.0-28-cloud-amd64\"/>",
                        "<property name=\"kernel_package_version\" value=\"6.1.119-1\"/>",
                        "<property name=\"requested_kernel\" "
                        "value=\"apt bookworm/linux-image-cloud-amd64 6.1.119-1\"/>"}) {
    EXPECT_NE(suite.find(p), std::string::npos) << p << "\n" << suite;
  }
  RunReport bare = testing::sample_suite();  // no identity: no empty properties
  EXPECT_EQ(to_junit(bare).find("name=\"distro\""), std::string::npos);
}

TEST(Junit, FailureTextCarriesEvidenceRemediationAndLogs) {
  std::string xml = to_junit(testing::sample_run());
  auto failure = xml.substr(xml.find("<failure"), xml.find("</failure>") - xml.find("<failure"));
  EXPECT_NE(failure.find("evidence: number of funcs in func_info doesn&apos;t match"),
            std::string::npos);
  EXPECT_NE(failure.find("remediation: bpf_loop needs Linux 5.17 or newer."), std::string::npos);
  EXPECT_NE(failure.find("verifier log (tail):\nnumber of funcs"), std::string::npos);
}

TEST(Junit, TargetWithoutProgramsIsOneCaseNamedAfterTheCase) {
  RunReport r = testing::sample_run();
  for (auto& t : r.targets) t.required = true;
  std::string xml = to_junit(r);
  EXPECT_NE(xml.find("<testcase name=\"loop.bpf.o\" classname=\"loop.bpf.o\" time=\"240.000\">\n"
                     "      <error message=\"BOOT_TIMEOUT: the guest did not finish within the "
                     "timeout\" type=\"BOOT_TIMEOUT\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<system-out>[    2.598101] Freeing unused"), std::string::npos);
}

// An optional target never gates, so its problems are skips that say what happened, not red.
TEST(Junit, OptionalTargetErrorIsASkipWithItsText) {
  std::string xml = to_junit(testing::sample_run());
  EXPECT_NE(xml.find("<testcase name=\"loop.bpf.o\" classname=\"loop.bpf.o\" time=\"240.000\">\n"
                     "      <skipped message=\"optional target error: BOOT_TIMEOUT: the guest did "
                     "not finish within the timeout\">&apos;loop.bpf.o&apos; on debian-unstable"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("debian-unstable is an optional profile: this does not fail the run."),
            std::string::npos);
  EXPECT_NE(xml.find("<system-out>[    2.598101] Freeing unused"), std::string::npos);
  EXPECT_EQ(xml.find("<error"), std::string::npos) << xml;
}

TEST(Junit, OptionalTargetFailureIsASkipAndRequiredStaysAFailure) {
  RunReport r = testing::sample_run();
  r.targets = {r.targets[0], r.targets[0]};
  r.targets[1].profile_id = "debian-unstable";
  r.targets[1].required = false;
  std::string xml = to_junit(r);
  EXPECT_EQ(count_occurrences(xml, "<failure "), 1u) << xml;
  EXPECT_NE(xml.find("<testsuite name=\"debian-11\" tests=\"2\" failures=\"1\" errors=\"0\" "
                     "skipped=\"1\""),
            std::string::npos);
  EXPECT_NE(xml.find("<testsuite name=\"debian-unstable\" tests=\"2\" failures=\"0\" "
                     "errors=\"0\" skipped=\"2\""),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<skipped message=\"optional target failed: UNSUPPORTED_HELPER: bpf_loop is "
                     "not available"),
            std::string::npos);
  EXPECT_NE(xml.find("remediation: bpf_loop needs Linux 5.17 or newer."), std::string::npos);
}

TEST(Junit, ObjectLevelFailureGetsATargetCase) {
  RunReport r = testing::sample_run();
  r.targets = {r.targets[0]};
  for (auto& p : r.targets[0].programs) p.verdict.status = classify::Status::kSkipped;
  std::string xml = to_junit(r);
  EXPECT_NE(xml.find("<testcase name=\"loop.bpf.o\" classname=\"loop.bpf.o\" time=\"5.012\">\n"
                     "      <failure message=\"UNSUPPORTED_HELPER:"),
            std::string::npos);
  EXPECT_NE(xml.find("tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"2\""), std::string::npos);
}

TEST(Junit, FunctionalTestsAreCasesWithTheirOutput) {
  std::string xml = to_junit(testing::sample_suite());
  EXPECT_NE(xml.find("<testcase name=\"test exec-behavior-behavior\" classname=\"exec-behavior\" "
                     "time=\"0.412\">\n      <failure message=\"exit 1, expected 0; stdout lacks "
                     "&apos;saw-execve&apos;\" type=\"FUNCTIONAL_TEST_FAILURE\">"),
            std::string::npos);
  EXPECT_NE(xml.find("<system-err>timeout: no event within 5s\n</system-err>"), std::string::npos);
  EXPECT_NE(xml.find("<testsuites name=\"bpfcompat agent-probes\""), std::string::npos);
}

TEST(Junit, EscapesMarkupControlCharactersAndBadUtf8) {
  RunReport r = testing::sample_run();
  r.targets[0].programs[0].name = "a<b>&\"c'";
  r.targets[0].programs[0].verdict.reason = "tab\there\nnew\x1b[31m\x01 bad\xff";
  std::string xml = to_junit(r);
  EXPECT_NE(xml.find("name=\"a&lt;b&gt;&amp;&quot;c&apos;\""), std::string::npos);
  EXPECT_NE(xml.find("message=\"UNSUPPORTED_HELPER: tab&#9;here&#10;new\\x1b[31m\\x01 "
                     "bad\xEF\xBF\xBD\""),
            std::string::npos);
  EXPECT_NE(xml.find("reason: tab\there\nnew\\x1b[31m\\x01 bad\xEF\xBF\xBD\n"), std::string::npos);
}

// Validates against docs/junit.xsd with xmllint (libxml2-utils), also with hostile content.
TEST(Junit, ValidatesAgainstTheSchema) {
  auto probe = run_captured({"xmllint", "--version"}, std::chrono::seconds(10));
  if (!probe || probe->status.code != 0) GTEST_SKIP() << "xmllint is not installed (libxml2-utils)";
  RunReport hostile = testing::sample_suite();
  hostile.targets[1].verdict.reason = "<![CDATA[ ]]> \x02\x7f & \xc3\x28 \xed\xa0\x80 \xef\xbf\xbf";
  hostile.targets[1].programs[0].name = "]]>\"'";
  auto dir = TempDir::create("junit-test");
  ASSERT_TRUE(dir);
  const std::string xsd = std::string(BPFCOMPAT_TEST_DATA) + "/../../docs/junit.xsd";
  int i = 0;
  for (const RunReport& r : {testing::sample_run(), testing::sample_suite(), hostile}) {
    std::string path = dir->path() + "/junit-" + std::to_string(i++) + ".xml";
    ASSERT_TRUE(write_file_atomic(path, to_junit(r)));
    auto run =
        run_captured({"xmllint", "--noout", "--schema", xsd, path}, std::chrono::seconds(30));
    ASSERT_TRUE(run);
    EXPECT_EQ(run->status.code, 0) << run->output;
  }
}

}  // namespace
}  // namespace bpfcompat::report
